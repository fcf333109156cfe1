using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>Delivers the outbox: oldest first, each incident's alerts in order, retried with backoff up to 5 min, each
/// row claimed under the lease's fence right before it is sent and marked delivered right after (OutboxClaims); each
/// row to the channel it names, a down message with a "take it" button for all its incidents.</summary>
public sealed partial class OutboxDispatcher(
    StoreConnections connections,
    Notifiers notifiers,
    ChannelHealth health,
    IOptions<AlertOptions> alerts,
    IOptions<MonitorOptions> monitor,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger,
    Cluster.IOwnership? ownership = null, OnCall.Buttons.AckButtons? buttons = null,
    OnCall.IQuietHours? quiet = null) : BackgroundService
{
    /// <summary><c>next_attempt_at</c> of a row never sent: channel gone, or a closed incident's reminder.</summary>
    public const long Archived = long.MaxValue;

    private const int PerChannel = 200;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Rows a channel accepted whose "delivered" mark failed to save: marked later, never resent.</summary>
    private readonly HashSet<long> _sentUnmarked = [];
    private readonly Cluster.IOwnership _ownership = ownership ?? new Cluster.SoleOwnership();
    private readonly OutboxClaims _claims = new(connections, ownership ?? new Cluster.SoleOwnership());
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
                // One sender for the cluster (the cluster lease's holder): each incident's alerts leave in order.
                if (time.GetUtcNow() < _pausedUntil || !_ownership.IsLeader)
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

    public async Task ArchiveOrphansAsync(CancellationToken cancellationToken)
    {
        try
        {
            await health.PublishStartAsync(cancellationToken);
            await using var session = await connections.ConnectAsync(cancellationToken);
            var orphans = await OutboxRows.ArchiveOrphansAsync(
                session, [.. notifiers.ByName.Keys], "archived: the channel is no longer configured",
                cancellationToken);
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

    /// <summary>Delivers all due now, including alerts queued behind one just delivered; returns how many.</summary>
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
        if (!_ownership.TryLead(out var fence))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var settings = alerts.Value;
        var sendable = await DueAsync(now, cancellationToken);

        // Rows another sender claimed a moment ago may be inside its send right now: left to it for a while.
        sendable.RemoveAll(n => !OutboxClaims.Claimable(n, fence, nowMs));
        var grouping = settings.GroupWindowSeconds > 0;
        var messages = sendable.GroupBy(n => grouping && NotificationKinds.IsGrouped(n.Kind)
                ? (n.Account, n.Channel, n.Kind)
                : (n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Channel, n.Kind))
            .Select(g => g.ToList())
            .ToList();
        // Channels are sent to side by side: one that hangs until its timeout never delays another.
        var delivered = await Task.WhenAll(messages.GroupBy(m => m[0].Channel)
            .Select(channel => SendChannelAsync(channel.Key, [.. channel], fence, now, cancellationToken)));
        return delivered.Sum();
    }

    /// <summary>The rows that may go now, after settling marks owed, stale reminders and maintenance holds.</summary>
    private async Task<List<NotificationRecord>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        var nowMs = now.ToUnixTimeMilliseconds();

        // Each channel reads its own oldest rows: a dead channel's pile never hides another channel's alerts.
        var pending = new List<NotificationRecord>();
        foreach (var channel in notifiers.ByName.Keys)
        {
            pending.AddRange(await OutboxRows.PendingAsync(session, channel, PerChannel, cancellationToken));
        }

        List<NotificationRecord> marked;
        lock (_sentUnmarked)
        {
            marked = pending.Where(n => _sentUnmarked.Contains(n.Id)).ToList();
        }

        // "Still down" after the incident closed would contradict the ✅ that follows or went before it.
        var stale = pending.Where(n => !marked.Contains(n) && n.Kind == NotificationKinds.Reminder
            && n.Incident?.EndTime is not null).ToList();
        await OutboxRows.SettleAsync(connections, marked, stale, [], nowMs, cancellationToken);
        lock (_sentUnmarked)
        {
            _sentUnmarked.Clear();
        }

        pending.RemoveAll(n => marked.Contains(n) || stale.Contains(n));

        var scheduled = pending.ToDictionary(n => n.Id, n => n.NextAttemptAt);
        var sendable = await OutboxHeads.DueAsync(session, pending, alerts.Value, quiet, now, cancellationToken);
        var held = await AlertGrouping.HeldAsync(session, alerts.Value, monitor.Value.CheckIntervalMs, sendable, nowMs,
            cancellationToken);
        sendable.RemoveAll(held.Contains);
        await OutboxRows.SettleAsync(connections, [], [], [.. pending.Where(n => n.NextAttemptAt != scheduled[n.Id])],
            nowMs, cancellationToken);
        return sendable;
    }

    private async Task<int> SendChannelAsync(
        string channel, List<List<NotificationRecord>> messages, long fence, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var rows in messages)
        {
            var ids = rows.Select(r => r.Id).ToList();
            if (!await _claims.ClaimAsync(ids, fence, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
            {
                continue;
            }

            // A Prober paused between its claim and here must not send once its lease has lapsed meanwhile.
            if (!_ownership.TryLead(out var still) || still != fence)
            {
                LogLeaseLapsed(logger, channel);
                break;
            }

            var failure = await OnCall.Buttons.AckButtons.SendAsync(buttons, notifiers.ByName[channel],
                rows.Count == 1 ? rows[0] : AlertGrouping.Combined(rows), rows, cancellationToken);
            if (failure is not null)
            {
                health.Failed(channel, failure);
                foreach (var row in rows)
                {
                    row.Attempts++;
                    LogDeliveryFailed(logger, row.Id, row.Attempts, failure);
                    await _claims.FailedAsync(row, fence, (now + Backoff(row.Attempts)).ToUnixTimeMilliseconds(),
                        failure, cancellationToken);
                }

                continue;
            }

            health.Delivered(channel);
            try
            {
                // Marked at once: a crash right after this costs no second delivery of what went before.
                delivered += await _claims.DeliveredAsync(ids, fence, time.GetUtcNow().ToUnixTimeMilliseconds(),
                    cancellationToken);
            }
            catch (Exception)
            {
                // The channel has it; whatever happens to the disk, it is never sent again by this process.
                lock (_sentUnmarked)
                {
                    _sentUnmarked.UnionWith(ids);
                }

                throw;
            }
        }

        return delivered;
    }

    private static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, attempts)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {NotificationId} not delivered (attempt {Attempts}): "
        + "{Reason}; retrying")]
    private static partial void LogDeliveryFailed(ILogger logger, long notificationId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster lease lapsed before an alert to {Channel} was "
        + "sent; its successor sends it")]
    private static partial void LogLeaseLapsed(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox pass failed ({Failures} in a row); backing off")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} undelivered alerts belong to channels no longer "
        + "configured; archived (kept, never sent)")]
    private static partial void LogArchived(ILogger logger, int count);
}
