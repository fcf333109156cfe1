using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Prober.Alerting;

/// <summary>Which undelivered alerts may go now: each incident's oldest per channel, outside maintenance, and none
/// under a silence.</summary>
public static class OutboxHeads
{
    /// <summary>What a silenced alert's row says instead of an error (it is kept, marked delivered, never sent).
    /// </summary>
    public static string Silenced(long silenceId) =>
        "silenced #" + silenceId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The due heads. Alerts under an active silence are marked delivered, not sent; alerts of an account in
    /// maintenance (in the files or planned on the page) are held (not dropped) until it ends.</summary>
    public static async Task<List<NotificationRecord>> DueAsync(
        StoreSession session,
        List<NotificationRecord> pending,
        AlertOptions settings,
        IQuietHours? quiet,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var known = new Dictionary<(string, string?), Quiet?>();
        async Task<Quiet?> QuietOfAsync(NotificationRecord row)
        {
            // A row that is not a check's (a token warning) is the account's own: only a whole-account silence
            // covers it.
            var key = (row.Account, CheckType.IsKnown(row.CheckType) ? row.CheckType : null);
            if (!known.TryGetValue(key, out var found))
            {
                found = quiet is null ? null
                    : await quiet.QuietAsync(session, key.Account, key.Item2, now, cancellationToken);
                known[key] = found;
            }

            return found;
        }

        // Under a silence every row of the scope goes, not only the heads: an incident's rows share its scope.
        var loud = new List<NotificationRecord>(pending.Count);
        foreach (var row in pending)
        {
            if (row.Kind != NotificationKinds.Summary && await QuietOfAsync(row) is { SilenceId: { } silence })
            {
                await MarkSilencedAsync(session, row.Id, nowMs, silence, cancellationToken);
                continue;
            }

            loud.Add(row);
        }

        // Only the oldest undelivered alert of an incident, per channel, may go; the rest wait behind it.
        var heads = loud
            .GroupBy(n => n.IncidentId is null ? (object)n.Id : (n.IncidentId, n.Channel))
            .Select(g => g.First())
            .Where(n => n.NextAttemptAt <= nowMs)
            .ToList();

        var sendable = new List<NotificationRecord>();
        foreach (var notification in heads)
        {
            if (settings.Maintenance.FirstOrDefault(w => w.Covers(notification.Account, now)) is { } window)
            {
                notification.NextAttemptAt = window.End.ToUnixTimeMilliseconds();
                continue;
            }

            if (await QuietOfAsync(notification) is { IsMaintenance: true } maintenance)
            {
                notification.NextAttemptAt = maintenance.Until.ToUnixTimeMilliseconds();
                continue;
            }

            sendable.Add(notification);
        }

        return sendable;
    }

    /// <summary>Marks a row delivered without sending it: the row stays, saying which silence kept it.</summary>
    private static async Task MarkSilencedAsync(
        StoreSession session, long id, long nowMs, long silenceId, CancellationToken cancellationToken)
    {
        await using var command = session.Command("UPDATE notifications SET delivered_at = @now, last_error = @why "
            + "WHERE id = @id AND delivered_at IS NULL")
            .With("@now", nowMs).With("@why", Silenced(silenceId)).With("@id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
