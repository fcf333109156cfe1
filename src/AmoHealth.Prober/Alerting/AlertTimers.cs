using System.Globalization;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>
/// Alerts that come from the clock, not from a probe: reminders while an incident stays open, warnings
/// before a token expires, and the daily summary. Each goes through the outbox like any alert.
/// </summary>
public sealed partial class AlertTimers(
    IDbContextFactory<AmoHealthDbContext> contexts,
    Notifiers notifiers,
    IOptions<AlertOptions> alerts,
    IOptions<MonitorOptions> monitor,
    TimeProvider time,
    ILogger<AlertTimers> logger,
    IOptions<StorageOptions> storage,
    Cluster.IOwnership? ownership = null) : BackgroundService
{
    private readonly RetentionOptions _retention = storage.Value.Retention;

    private const string TokenWarnedKey = "token_warned";
    private const string SummaryKey = "daily_summary_sent";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                try
                {
                    if (ownership?.IsLeader == false)
                    {
                        continue; // Reminders, token warnings and the summary run once, on the cluster lease's holder.
                    }

                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One look at the clock: enqueues whatever is due.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (notifiers.Enabled.Count == 0)
        {
            return;
        }

        var lease = ownership ?? new Cluster.SoleOwnership();
        if (!lease.TryLead(out var fence))
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await RemindAsync(db, now, cancellationToken);
        await WarnTokensAsync(db, now, cancellationToken);
        await SummarizeAsync(db, now, cancellationToken);

        // Written under the cluster lease's fence: a holder that lost it meanwhile enqueues nothing twice. The lease
        // row is locked only for the write, not through the reads above (the summary reads a day of rollups), so the
        // lease keeper's renewal never waits behind them.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await lease.LeadsAsync(db, fence, cancellationToken))
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RemindAsync(AmoHealthDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var every = alerts.Value.RemindEveryMinutes;
        if (every == 0)
        {
            return;
        }

        var open = await db.Incidents.Where(i => i.EndTime == null).ToListAsync(cancellationToken);
        foreach (var incident in open)
        {
            var last = await db.Notifications
                .Where(n => n.IncidentId == incident.Id && (n.Kind == NotificationKinds.Down || n.Kind == NotificationKinds.Reminder))
                .MaxAsync(n => (long?)n.CreatedAt, cancellationToken) ?? incident.StartTime;
            if (now - DateTimeOffset.FromUnixTimeMilliseconds(last) >= TimeSpan.FromMinutes(every))
            {
                Outbox.Add(db, notifiers, incident.Account, incident.CheckType, incident, NotificationKinds.Reminder,
                    AlertText.Reminder(incident, now.ToUnixTimeMilliseconds(), alerts.Value.Language, Dashboard()), now.ToUnixTimeMilliseconds());
            }
        }
    }

    private async Task WarnTokensAsync(AmoHealthDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expiries = await db.ProbeStates.Where(s => s.Key == ProbeStateRecord.TokenExpiresKey).ToListAsync(cancellationToken);
        foreach (var expiry in expiries)
        {
            if (!long.TryParse(expiry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
            {
                continue;
            }

            var daysLeft = TokenExpiry.DaysLeft(expiresAt, now.ToUnixTimeMilliseconds());
            var threshold = alerts.Value.TokenWarnings.Where(t => daysLeft <= t).DefaultIfEmpty(-1).Min();
            if (threshold < 0)
            {
                continue;
            }

            // Once per threshold per token: a new token (new expiry) starts over.
            var marker = $"{expiresAt}:{threshold}";
            var warned = await db.ProbeStates.SingleOrDefaultAsync(s => s.Account == expiry.Account && s.Key == TokenWarnedKey, cancellationToken);
            if (warned?.Value == marker)
            {
                continue;
            }

            Outbox.Add(db, notifiers, expiry.Account, "TOKEN", null, NotificationKinds.Token,
                AlertText.TokenExpiring(expiry.Account, expiresAt, Math.Max(daysLeft, 0), alerts.Value.Language), now.ToUnixTimeMilliseconds());
            if (warned is null)
            {
                db.ProbeStates.Add(new ProbeStateRecord { Account = expiry.Account, Key = TokenWarnedKey, Value = marker });
            }
            else
            {
                warned.Value = marker;
            }
        }
    }

    private async Task SummarizeAsync(AmoHealthDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (alerts.Value.DailySummaryHourUtc < 0 || now.Hour < alerts.Value.DailySummaryHourUtc)
        {
            return;
        }

        var today = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sent = await db.ProbeStates.SingleOrDefaultAsync(s => s.Account == string.Empty && s.Key == SummaryKey, cancellationToken);
        if (sent?.Value == today)
        {
            return;
        }

        if (sent is null)
        {
            // A new installation: a summary of its first minutes says nothing, so the first one comes at the hour
            // tomorrow. A Prober that was down over the hour (a record of an older day) sends the missed one now.
            db.ProbeStates.Add(new ProbeStateRecord { Account = string.Empty, Key = SummaryKey, Value = today });
            return;
        }

        var since = now.AddDays(-1).ToUnixTimeMilliseconds();
        var series = await RollupQuery.SummarizeAsync(
            db.Database.GetDbConnection(), since, now.ToUnixTimeMilliseconds(), null, null, _retention, now.ToUnixTimeMilliseconds(), cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.StartTime >= since)
            .GroupBy(i => new { i.Account, i.CheckType })
            .Select(g => new { g.Key.Account, g.Key.CheckType, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var account in series.Select(r => r.Account).Distinct())
        {
            var rows = CheckType.All.Select(check =>
            {
                var mine = series.FirstOrDefault(r => r.Account == account && r.CheckType == check);
                var uptime = mine is null || mine.Count == 0 ? 100.0 : 100.0 * mine.UpCount / mine.Count;
                var count = incidents.FirstOrDefault(i => i.Account == account && i.CheckType == check)?.Count ?? 0;
                return (check, uptime, count, mine?.Percentile(95));
            }).ToList();
            Outbox.Add(db, notifiers, account, "SUMMARY", null, NotificationKinds.Summary,
                AlertText.DailySummary(account, rows, alerts.Value.Language, Dashboard()), now.ToUnixTimeMilliseconds());
        }

        sent.Value = today;
    }

    private string? Dashboard() => alerts.Value.DashboardUrl ?? monitor.Value.PublicUrl;

    [LoggerMessage(Level = LogLevel.Error, Message = "Timed alerts (reminders, token warnings, summary) failed this round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
