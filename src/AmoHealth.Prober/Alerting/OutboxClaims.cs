using AmoHealth.Core.Storage;
using AmoHealth.Prober.Cluster;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Prober.Alerting;

/// <summary>
/// Sends happen once across the cluster: a row is claimed with the cluster lease's fence right before it is
/// sent (only while the lease is still the sender's, its row locked meanwhile), and settled only while the
/// claim is still that fence's. A newer leader leaves a fresh claim of an older fence alone for
/// <see cref="Fresh"/> (its sender may be inside the send) and takes it over after that.
/// </summary>
public sealed class OutboxClaims(IDbContextFactory<AmoHealthDbContext> contexts, IOwnership ownership)
{
    /// <summary>Well over a channel's send limit (10 s): a claim this young may belong to a send still under way.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);

    /// <summary>Whether a sender under <paramref name="fence"/> may claim the row now.</summary>
    public static bool Claimable(NotificationRecord row, long fence, long nowMs) =>
        row.ClaimedFence is not { } claimed || claimed == fence || (claimed < fence && row.ClaimedAt < nowMs - (long)Fresh.TotalMilliseconds);

    /// <summary>Claims every row of one message under <paramref name="fence"/>, or none (then it is not sent).</summary>
    public async Task<bool> ClaimAsync(IReadOnlyCollection<long> ids, long fence, long nowMs, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await ownership.LeadsAsync(db, fence, cancellationToken))
        {
            return false;
        }

        var stale = nowMs - (long)Fresh.TotalMilliseconds;
        var claimed = await db.Notifications
            .Where(n => ids.Contains(n.Id) && n.DeliveredAt == null && n.NextAttemptAt != OutboxDispatcher.Archived
                && (n.ClaimedFence == null || n.ClaimedFence == fence || (n.ClaimedFence < fence && n.ClaimedAt < stale)))
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ClaimedFence, fence).SetProperty(n => n.ClaimedAt, nowMs), cancellationToken);
        if (claimed != ids.Count)
        {
            return false; // Rolled back: another sender delivered or claimed part of it.
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Marks the rows delivered, where the claim is still this fence's; returns how many.</summary>
    public async Task<int> DeliveredAsync(IReadOnlyCollection<long> ids, long fence, long nowMs, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications
            .Where(n => ids.Contains(n.Id) && n.ClaimedFence == fence && n.DeliveredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.DeliveredAt, nowMs).SetProperty(n => n.LastError, (string?)null)
                .SetProperty(n => n.Attempts, n => n.Attempts + 1), cancellationToken);
    }

    /// <summary>Records a failed attempt and gives the claim back (the send is over), where it is still this fence's.</summary>
    public async Task FailedAsync(NotificationRecord row, long fence, long nextAttemptAt, string failure, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Notifications
            .Where(n => n.Id == row.Id && n.ClaimedFence == fence && n.DeliveredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.Attempts, row.Attempts).SetProperty(n => n.NextAttemptAt, nextAttemptAt)
                .SetProperty(n => n.LastError, failure).SetProperty(n => n.ClaimedFence, (long?)null), cancellationToken);
    }
}
