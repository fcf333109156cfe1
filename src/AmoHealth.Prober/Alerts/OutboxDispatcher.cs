using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Prober.Alerts;

/// <summary>
/// Delivers the outbox: oldest first, each incident's alerts strictly in order (a restored alert never
/// overtakes its down alert), failed attempts retried with backoff up to 5 minutes for as long as it takes,
/// each row marked delivered right after Mattermost accepts it.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<AmoHealthDbContext> contexts,
    Notifications.Notifiers notifiers,
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

    /// <summary>One pass over the outbox; returns how many alerts were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.Notifications.Where(n => n.DeliveredAt == null).OrderBy(n => n.Id).Take(200).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var held = new HashSet<(long?, string)>();
        var delivered = 0;
        foreach (var notification in pending)
        {
            // Only the oldest undelivered alert of an incident, per channel, may go; the rest wait behind it.
            var key = (notification.IncidentId, notification.Channel);
            if (!held.Add(key) && notification.IncidentId is not null)
            {
                continue;
            }

            if (notification.NextAttemptAt > now.ToUnixTimeMilliseconds()
                || !notifiers.ByName.TryGetValue(notification.Channel, out var notifier))
            {
                continue;
            }

            var failure = await notifier.SendAsync(notification, cancellationToken);
            notification.Attempts++;
            if (failure is null)
            {
                notification.DeliveredAt = time.GetUtcNow().ToUnixTimeMilliseconds();
                notification.LastError = null;
                held.Remove(key);
                delivered++;
            }
            else
            {
                var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, notification.Attempts)));
                notification.NextAttemptAt = (now + backoff).ToUnixTimeMilliseconds();
                notification.LastError = failure;
                LogDeliveryFailed(logger, notification.Id, notification.Attempts, failure);
            }

            // Marked at once: a crash right after this costs no second delivery of the rows before it.
            await db.SaveChangesAsync(cancellationToken);
        }

        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {NotificationId} not delivered (attempt {Attempts}): {Reason}; retrying")]
    private static partial void LogDeliveryFailed(ILogger logger, long notificationId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
