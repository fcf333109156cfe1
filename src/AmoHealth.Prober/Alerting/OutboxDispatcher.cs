using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>
/// Delivers the outbox: oldest first, each incident's alerts strictly in order (a restored alert never
/// overtakes its down alert), failed attempts retried with backoff up to 5 minutes for as long as it takes,
/// each row marked delivered right after Mattermost accepts it.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<AmoHealthDbContext> contexts,
    Notifications.Notifiers notifiers,
    ChannelHealth health,
    IOptions<AlertOptions> alerts,
    IOptions<MonitorOptions> monitor,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger,
    Cluster.IOwnership? ownership = null) : BackgroundService
{
    /// <summary><c>next_attempt_at</c> of a row that will never be sent: its channel is gone, or it is a reminder of a closed incident.</summary>
    public const long Archived = long.MaxValue;

    private const int PerChannel = 200;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Rows a channel accepted whose "delivered" mark could not be saved: marked later, never sent again.</summary>
    private readonly HashSet<long> _sentUnmarked = [];
    private int _passFailures;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ArchiveOrphansAsync(stoppingToken);
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                // One sender for the whole cluster: the Prober holding the cluster lease, so each incident's
                // alerts still leave strictly in order.
                if (time.GetUtcNow() < _pausedUntil || ownership?.IsLeader == false)
                {
                    continue;
                }

                try
                {
                    await DeliverDueAsync(stoppingToken);
                    _passFailures = 0;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A disk that is full or locked: back off like a failed send instead of hammering it every second.
                    _passFailures++;
                    _pausedUntil = time.GetUtcNow() + Backoff(_passFailures);
                    LogPassFailed(logger, ex, _passFailures);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Undelivered alerts stay in the outbox for the next start.
        }
    }

    /// <summary>Rows of a channel no longer configured are archived (kept, never sent), with a warning.</summary>
    public async Task ArchiveOrphansAsync(CancellationToken cancellationToken)
    {
        try
        {
            await health.PublishStartAsync(cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var channels = notifiers.ByName.Keys.ToList();
            var orphans = await db.Notifications
                .Where(n => n.DeliveredAt == null && n.NextAttemptAt != Archived && !channels.Contains(n.Channel))
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.NextAttemptAt, Archived)
                    .SetProperty(n => n.LastError, "archived: the channel is no longer configured"), cancellationToken);
            if (orphans > 0)
            {
                LogArchived(logger, orphans);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogPassFailed(logger, ex, 0);
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
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var settings = alerts.Value;

        // Each channel reads its own oldest rows: a dead channel's pile never hides another channel's alerts.
        var pending = new List<NotificationRecord>();
        foreach (var channel in notifiers.ByName.Keys)
        {
            pending.AddRange(await db.Notifications.Include(n => n.Incident)
                .Where(n => n.DeliveredAt == null && n.Channel == channel && n.NextAttemptAt != Archived)
                .OrderBy(n => n.Id).Take(PerChannel).ToListAsync(cancellationToken));
        }

        foreach (var sent in pending.Where(n => _sentUnmarked.Contains(n.Id)))
        {
            sent.DeliveredAt = nowMs;
        }

        foreach (var stale in pending.Where(n => n.DeliveredAt == null && n.Kind == NotificationKinds.Reminder && n.Incident?.EndTime is not null))
        {
            // "Still down" after the incident closed would contradict the ✅ that follows or went before it.
            stale.NextAttemptAt = Archived;
            stale.LastError = "skipped: the incident closed before the reminder went out";
        }

        await db.SaveChangesAsync(cancellationToken);
        _sentUnmarked.Clear();
        pending.RemoveAll(n => n.DeliveredAt is not null || n.NextAttemptAt == Archived);

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
                // Held, not dropped: it goes out when the window ends.
                notification.NextAttemptAt = window.End.ToUnixTimeMilliseconds();
                continue;
            }

            sendable.Add(notification);
        }

        var held = await AlertGrouping.HeldAsync(db, alerts.Value, monitor.Value.CheckIntervalMs, sendable, nowMs, cancellationToken);
        sendable.RemoveAll(held.Contains);
        await db.SaveChangesAsync(cancellationToken);

        var grouping = settings.GroupWindowSeconds > 0;
        var delivered = 0;
        foreach (var batch in sendable.GroupBy(n => grouping && NotificationKinds.IsGrouped(n.Kind)
                     ? (n.Account, n.Channel, n.Kind)
                     : (n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Channel, n.Kind)))
        {
            var rows = batch.ToList();
            var message = rows.Count == 1 ? rows[0] : AlertGrouping.Combined(rows);
            var channel = rows[0].Channel;
            var failure = await notifiers.ByName[channel].SendAsync(message, cancellationToken);
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
                    row.NextAttemptAt = (now + Backoff(row.Attempts)).ToUnixTimeMilliseconds();
                    row.LastError = failure;
                    LogDeliveryFailed(logger, row.Id, row.Attempts, failure);
                }
            }

            if (failure is null)
            {
                health.Delivered(channel);
            }
            else
            {
                health.Failed(channel, failure);
            }

            try
            {
                // Marked at once: a crash right after this costs no second delivery of what went before.
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception) when (failure is null)
            {
                // The channel has it; whatever happens to the disk, it is never sent again by this process.
                _sentUnmarked.UnionWith(rows.Select(r => r.Id));
                throw;
            }
        }

        return delivered;
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, attempts)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {NotificationId} not delivered (attempt {Attempts}): {Reason}; retrying")]
    private static partial void LogDeliveryFailed(ILogger logger, long notificationId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox pass failed ({Failures} in a row); backing off")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} undelivered alerts belong to channels no longer configured; archived (kept, never sent)")]
    private static partial void LogArchived(ILogger logger, int count);
}
