namespace AmoHealth.Core.Storage;

/// <summary>Whether this process may still write an account's <c>probe_state</c> (its test lead, its notices): only the
/// Prober holding the account's lease, under the fence it holds it by, as for results.</summary>
public interface IStateFence
{
    /// <summary>The fence under which this process holds the account now, or null when it does not.</summary>
    long? FenceOf(string account);

    /// <summary>Inside the write's transaction: whether the account is still held under <paramref name="fence"/>
    /// (locked until commit).</summary>
    Task<bool> HoldsAsync(StoreSession session, string account, long fence, CancellationToken cancellationToken);
}
