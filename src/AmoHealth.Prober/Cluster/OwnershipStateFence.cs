using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Cluster;

/// <summary><c>probe_state</c> writes fenced like results, by the account's lease.</summary>
public sealed class OwnershipStateFence(IOwnership ownership) : IStateFence
{
    public long? FenceOf(string account) => ownership.TryOwn(account, out var fence) ? fence : null;

    public async Task<bool> HoldsAsync(StoreSession session, string account, long fence,
        CancellationToken cancellationToken) =>
        (await ownership.HeldAsync(session, [account], cancellationToken)).TryGetValue(account, out var held)
            && held == fence;
}
