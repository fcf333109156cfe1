namespace AmoHealth.Prober.Probes.Tokens;

public interface ITokenSource
{
    /// <summary>Whether a 401 can be answered with a refresh (OAuth); a long-lived token cannot.</summary>
    bool CanRefresh { get; }

    /// <summary>A token to use now; refreshes first when it is about to expire. Throws
    /// <see cref="TokenUnavailableException"/>.</summary>
    ValueTask<string> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// amoCRM answered 401 to <paramref name="rejected"/>: refresh once (or notice that another probe already
    /// did). True when a different token is now available.
    /// </summary>
    Task<bool> RefreshAfterRejectionAsync(string rejected, CancellationToken cancellationToken);
}
