using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>Which undelivered alerts may go now: each incident's oldest per channel, outside maintenance.</summary>
public static class OutboxHeads
{
    /// <summary>The due heads; alerts of an account in maintenance are held (not dropped) until it ends.</summary>
    public static List<NotificationRecord> Due(
        List<NotificationRecord> pending,
        AlertOptions settings,
        DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        // Only the oldest undelivered alert of an incident, per channel, may go; the rest wait behind it.
        var heads = pending
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

            sendable.Add(notification);
        }

        return sendable;
    }
}
