using AmoHealth.Core.Checks;
using System.Data.Common;
using System.Globalization;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>The outbox's reads and per-row marks (table <c>notifications</c>) as plain commands.</summary>
public static class OutboxRows
{
    private const string Pending =
        "SELECT n.id, n.created_at, n.account, n.check_type, n.incident_id, n.kind, n.channel, n.text, n.attempts, "
            + "n.next_attempt_at, "
        + "n.delivered_at, n.last_error, n.claimed_fence, n.claimed_at, i.account, i.check_type, i.kind, i.start_time, "
            + "i.end_time "
        + "FROM notifications n LEFT JOIN incidents i ON i.id = n.incident_id "
        + "WHERE n.delivered_at IS NULL AND n.channel = @channel AND n.next_attempt_at <> @archived ORDER BY n.id "
            + "LIMIT @limit";

    /// <summary>One channel's oldest undelivered rows that are not archived, each with its incident.</summary>
    public static async Task<List<NotificationRecord>> PendingAsync(
        StoreSession session,
        string channel,
        int limit,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(Pending)
            .With("@channel", channel).With("@archived", OutboxDispatcher.Archived).With("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<NotificationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var incidentId = reader.GetNullableInt64(4);
            rows.Add(new NotificationRecord
            {
                Id = reader.GetInt64(0),
                CreatedAt = reader.GetInt64(1),
                Account = reader.GetString(2),
                CheckType = reader.GetString(3),
                IncidentId = incidentId,
                Kind = reader.GetString(5),
                Channel = reader.GetString(6),
                Text = reader.GetString(7),
                Attempts = reader.GetInt32(8),
                NextAttemptAt = reader.GetInt64(9),
                DeliveredAt = reader.GetNullableInt64(10),
                LastError = reader.GetNullableString(11),
                ClaimedFence = reader.GetNullableInt64(12),
                ClaimedAt = reader.GetNullableInt64(13),
                Incident = incidentId is { } id && !reader.IsDBNull(14)
                    ? new IncidentRecord
                    {
                        Id = id,
                        Account = reader.GetString(14),
                        CheckType = reader.GetString(15),
                        Kind = OutcomeNames.Parse(reader.GetString(16)),
                        StartTime = reader.GetInt64(17), EndTime = reader.GetNullableInt64(18),
                    }
                    : null,
            });
        }

        return rows;
    }

    /// <summary>In one transaction: rows a channel accepted before their mark could be saved, reminders of closed
    /// incidents (archived), rows held until a maintenance window ends (their <c>next_attempt_at</c>).</summary>
    public static async Task SettleAsync(
        StoreConnections connections, List<NotificationRecord> delivered, List<NotificationRecord> stale,
            List<NotificationRecord> held, long nowMs,
        CancellationToken cancellationToken)
    {
        if (delivered.Count + stale.Count + held.Count == 0)
        {
            return;
        }

        await using var session = await connections.BeginAsync(cancellationToken);
        foreach (var row in delivered)
        {
            await DeliveredAsync(session, row.Id, nowMs, cancellationToken);
        }

        foreach (var row in stale)
        {
            await ArchiveAsync(session, row.Id, "skipped: the incident closed before the reminder went out",
                cancellationToken);
        }

        foreach (var row in held)
        {
            await HoldAsync(session, row.Id, row.NextAttemptAt, cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
    }

    /// <summary>Marks a row delivered (one a channel accepted before its mark could be saved).</summary>
    public static async Task DeliveredAsync(
        StoreSession session,
        long id,
        long deliveredAt,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command("UPDATE notifications SET delivered_at = @delivered_at WHERE id = "
            + "@id")
            .With("@delivered_at", deliveredAt).With("@id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Holds a row until <paramref name="nextAttemptAt"/> (the end of a maintenance window).</summary>
    public static async Task HoldAsync(
        StoreSession session,
        long id,
        long nextAttemptAt,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command("UPDATE notifications SET next_attempt_at = @next_attempt_at WHERE "
            + "id = @id")
            .With("@next_attempt_at", nextAttemptAt).With("@id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Archives one row (kept, never sent), saying why.</summary>
    public static async Task ArchiveAsync(
        StoreSession session,
        long id,
        string reason,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command("UPDATE notifications SET next_attempt_at = @archived, last_error = "
            + "@reason WHERE id = @id")
            .With("@archived", OutboxDispatcher.Archived).With("@reason", reason).With("@id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Archives undelivered rows of channels not in <paramref name="channels"/>; returns how many.</summary>
    public static async Task<int> ArchiveOrphansAsync(
        StoreSession session,
        IReadOnlyCollection<string> channels,
        string reason,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(string.Empty)
            .With("@archived", OutboxDispatcher.Archived).With("@reason", reason);
        command.CommandText = "UPDATE notifications SET next_attempt_at = @archived, last_error = @reason "
            + "WHERE delivered_at IS NULL AND next_attempt_at <> @archived"
            + (channels.Count == 0 ? string.Empty : " AND channel NOT IN " + command.InList("@channel", channels));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
