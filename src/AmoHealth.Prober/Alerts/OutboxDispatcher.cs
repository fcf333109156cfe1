using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerts;

/// <summary>
/// Delivers the outbox: oldest first, each incident's alerts strictly in order (a restored alert never
/// overtakes its down alert), failed attempts retried with backoff up to 5 minutes for as long as it takes,
/// each row marked delivered right after Mattermost accepts it.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<AmoHealthDbContext> contexts,
    Notifications.Notifiers notifiers,
    IOptions<AlertOptions> alerts,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                try
                {
                    await DeliverDueAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPassFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Undelivered alerts stay in the outbox for the next start.
        }
    }

    /// <summary>Delivers everything due now, including alerts that waited behind one just delivered; returns how many.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        for (var pass = 0; pass < 20; pass++)
        {
            var delivered = await PassAsync(cancellationToken);
            total += delivered;
            if (delivered == 0)
            {
                break;
            }
        }

        return total;
    }

    private async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.Notifications.Where(n => n.DeliveredAt == null).OrderBy(n => n.Id).Take(500).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var settings = alerts.Value;

        // Only the oldest undelivered alert of an incident, per channel, may go; the rest wait behind it.
        var heads = pending
            .GroupBy(n => n.IncidentId is null ? (object)n.Id : (n.IncidentId, n.Channel))
            .Select(g => g.First())
            .Where(n => n.NextAttemptAt <= now.ToUnixTimeMilliseconds() && notifiers.ByName.ContainsKey(n.Channel))
            .ToList();

        var sendable = new List<NotificationRecord>();
        foreach (var notification in heads)
        {
            if (settings.Maintenance.FirstOrDefault(w => w.Covers(notification.Account, now)) is { } window)
            {
                // Held, not dropped: it goes out when the window ends.
                notification.NextAttemptAt = window.End.ToUnixTimeMilliseconds();
                continue;
            }

            sendable.Add(notification);
        }

        // Down (and restored) alerts of one account wait until the oldest of them is GroupWindowSeconds old,
        // so one outage is one message even when the request budget spreads its confirmations out.
        var grouping = settings.GroupWindowSeconds > 0;
        var held = sendable
            .Where(n => grouping && n.Kind is "down" or "restored")
            .GroupBy(n => (n.Account, n.Channel, n.Kind))
            .Where(g => now.ToUnixTimeMilliseconds() - g.Min(n => n.CreatedAt) < settings.GroupWindowSeconds * 1000L)
            .SelectMany(g => g)
            .ToHashSet();
        sendable.RemoveAll(held.Contains);

        await db.SaveChangesAsync(cancellationToken);
        var delivered = 0;
        foreach (var batch in sendable.GroupBy(n => grouping && n.Kind is "down" or "restored"
                     ? (n.Account, n.Channel, n.Kind)
                     : (n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Channel, n.Kind)))
        {
            var rows = batch.ToList();
            var message = rows.Count == 1 ? rows[0] : Combined(rows);
            var failure = await notifiers.ByName[rows[0].Channel].SendAsync(message, cancellationToken);
            foreach (var row in rows)
            {
                row.Attempts++;
                if (failure is null)
                {
                    row.DeliveredAt = time.GetUtcNow().ToUnixTimeMilliseconds();
                    row.LastError = null;
                    delivered++;
                }
                else
                {
                    var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, row.Attempts)));
                    row.NextAttemptAt = (now + backoff).ToUnixTimeMilliseconds();
                    row.LastError = failure;
                    LogDeliveryFailed(logger, row.Id, row.Attempts, failure);
                }
            }

            // Marked at once: a crash right after this costs no second delivery of what went before.
            await db.SaveChangesAsync(cancellationToken);
        }

        return delivered;
    }

    private static NotificationRecord Combined(List<NotificationRecord> rows) => new()
    {
        Account = rows[0].Account,
        CheckType = string.Join(",", rows.Select(r => r.CheckType)),
        Channel = rows[0].Channel,
        Kind = rows[0].Kind,
        Text = string.Join("\n\n", rows.Select(r => r.Text)),
        CreatedAt = rows[0].CreatedAt,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {NotificationId} not delivered (attempt {Attempts}): {Reason}; retrying")]
    private static partial void LogDeliveryFailed(ILogger logger, long notificationId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
