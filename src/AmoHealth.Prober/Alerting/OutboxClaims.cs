using AmoHealth.Core.Storage;
using AmoHealth.Prober.Cluster;

namespace AmoHealth.Prober.Alerting;

/// <summary>Sends happen once across the cluster: a row is claimed with the cluster lease's fence right before it is
/// sent (only while the lease is still the sender's, its row locked meanwhile), and settled only while the claim is
/// still that fence's. A newer leader leaves a fresh claim of an older fence alone for <see cref="Fresh"/> (its sender
/// may be inside the send) and takes it over after that.</summary>
public sealed class OutboxClaims(StoreConnections connections, IOwnership ownership)
{
    /// <summary>Well over a channel's send limit (10 s): a younger claim may belong to a send under way.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);

    /// <summary>Whether a sender under <paramref name="fence"/> may claim the row now.</summary>
    public static bool Claimable(NotificationRecord row, long fence, long nowMs) =>
        row.ClaimedFence is not { } claimed || claimed == fence
            || (claimed < fence && row.ClaimedAt < nowMs - (long)Fresh.TotalMilliseconds);

    /// <summary>Claims every row of one message under <paramref name="fence"/>, or none (then none is sent).</summary>
    public async Task<bool> ClaimAsync(
        IReadOnlyCollection<long> ids,
        long fence,
        long nowMs,
        CancellationToken cancellationToken)
    {
        await using var session = await connections.BeginAsync(cancellationToken);
        if (!await ownership.LeadsAsync(session, fence, cancellationToken))
        {
            return false;
        }

        await using var command = session.Command(string.Empty)
            .With("@fence", fence).With("@now", nowMs).With("@archived", OutboxDispatcher.Archived)
            .With("@stale", nowMs - (long)Fresh.TotalMilliseconds);
        command.CommandText = "UPDATE notifications SET claimed_fence = @fence, claimed_at = @now WHERE id IN "
            + command.InList("@id", ids)
            + " AND delivered_at IS NULL AND next_attempt_at <> @archived"
            + " AND (claimed_fence IS NULL OR claimed_fence = @fence OR (claimed_fence < @fence AND claimed_at < "
                + "@stale))";
        if (await command.ExecuteNonQueryAsync(cancellationToken) != ids.Count)
        {
            return false; // Rolled back: another sender delivered or claimed part of it.
        }

        await session.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Marks the rows delivered, where the claim is still this fence's; returns how many.</summary>
    public async Task<int> DeliveredAsync(
        IReadOnlyCollection<long> ids,
        long fence,
        long nowMs,
        CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        await using var command = session.Command(string.Empty).With("@delivered_at", nowMs).With("@fence", fence);
        command.CommandText = "UPDATE notifications SET delivered_at = @delivered_at, last_error = NULL, attempts = "
            + "attempts + 1 WHERE id IN "
            + command.InList("@id", ids) + " AND claimed_fence = @fence AND delivered_at IS NULL";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a failed attempt and gives the claim back, where it is still this fence's.</summary>
    public async Task FailedAsync(
        NotificationRecord row,
        long fence,
        long nextAttemptAt,
        string failure,
        CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        await using var command = session.Command(
                "UPDATE notifications SET attempts = @attempts, next_attempt_at = @next_attempt_at, last_error = "
                    + "@last_error, claimed_fence = NULL "
                + "WHERE id = @id AND claimed_fence = @fence AND delivered_at IS NULL")
            .With("@attempts", row.Attempts).With("@next_attempt_at", nextAttemptAt).With("@last_error", failure)
            .With("@id", row.Id).With("@fence", fence);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
