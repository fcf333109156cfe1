using System.Globalization;
using AmoHealth.Core.Alerting;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Prober.Configuration;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Prober.OnCall;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>Alerts that come from the clock, not from a probe: reminders and escalations while an incident stays open
/// and nobody took it (<see cref="IncidentTimers"/>), warnings before a token expires, and the daily summary. Each
/// goes through the outbox like any alert.</summary>
public sealed partial class AlertTimers(
    StoreConnections connections,
    Notifiers notifiers,
    AlertOutbox alerting,
    IOptions<AlertOptions> alerts,
    TimeProvider time,
    ILogger<AlertTimers> logger,
    IOptions<StorageOptions> storage,
    Cluster.IOwnership? ownership = null,
    IEnumerable<IQuietHours>? quietHours = null,
    IOptions<SloOptions>? slo = null) : BackgroundService
{
    private readonly RetentionOptions _retention = storage.Value.Retention;
    private readonly IncidentTimers _incidents =
        new(notifiers, alerting, alerts.Value, quietHours ?? [], logger);

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
        if (notifiers.ByName.Count == 0)
        {
            return;
        }

        var lease = ownership ?? new Cluster.SoleOwnership();
        if (!lease.TryLead(out var fence))
        {
            return;
        }

        var now = time.GetUtcNow();
        var due = new TimedWrites();
        await using (var read = await connections.ConnectAsync(cancellationToken))
        {
            await _incidents.FindDueAsync(read, due, now, cancellationToken);
            // Only escalation channels (no usual one): nothing else would reach anybody, so nothing is marked sent.
            if (notifiers.Enabled.Count > 0)
            {
                await WarnTokensAsync(read, due, now, cancellationToken);
                await SummarizeAsync(read, due, now, cancellationToken);
            }
        }

        if (due.IsEmpty)
        {
            return;
        }

        // Written under the cluster lease's fence: a holder that lost it meanwhile enqueues nothing twice. The lease
        // row is locked only for the write, not through the reads above (the summary reads a day of rollups), so the
        // lease keeper's renewal never waits behind them.
        await using var session = await connections.BeginAsync(cancellationToken);
        if (!await lease.LeadsAsync(session, fence, cancellationToken))
        {
            return;
        }

        await due.WriteAsync(session, alerting, now, cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    private async Task WarnTokensAsync(
        StoreSession read,
        TimedWrites due,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var expiries = await StateMarks.AllAsync(read, ProbeStateKeys.TokenExpires.Name, cancellationToken);
        var warnings = (await StateMarks.AllAsync(read, TokenWarnedKey, cancellationToken))
            .ToDictionary(s => s.Account, s => s.Value, StringComparer.Ordinal);
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
            if (warnings.GetValueOrDefault(expiry.Account) == marker)
            {
                continue;
            }

            var expires = DateTimeOffset.FromUnixTimeMilliseconds(expiresAt);
            due.Alert(alerting.Compose(new TokenExpiring(expiry.Account, expires, Math.Max(daysLeft, 0))));
            due.Mark(expiry.Account, TokenWarnedKey, marker);
        }
    }

    private async Task SummarizeAsync(
        StoreSession read,
        TimedWrites due,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // The team's date of the summary due last: it goes once per date, at the hour in the team's zone.
        if (DailySummaryClock.DueDay(alerts.Value, now) is not { } today)
        {
            return;
        }

        var sent = await StateMarks.GetAsync(read, string.Empty, SummaryKey, cancellationToken);
        if (sent == today)
        {
            return;
        }

        due.Mark(string.Empty, SummaryKey, today);
        if (sent is null)
        {
            // A new installation: a summary of its first minutes says nothing, so the first one comes at the hour
            // tomorrow. A Prober that was down over the hour (a record of an older day) sends the missed one now.
            return;
        }

        var since = now.AddDays(-1).ToUnixTimeMilliseconds();
        var series = await RollupQuery.SummarizeAsync(
            read.Connection, since, now.ToUnixTimeMilliseconds(), null, null, _retention, now.ToUnixTimeMilliseconds(),
                cancellationToken);
        var incidents = await TimedReads.IncidentCountsAsync(read, since, cancellationToken);
        var slos = slo is null ? SummaryBudgets.None
            : await SummaryBudgets.ReadAsync(read, slo.Value, _retention, now, cancellationToken);
        foreach (var account in series.Select(r => r.Account).Distinct())
        {
            var rows = CheckType.All.Select(check =>
            {
                var mine = series.FirstOrDefault(r => r.Account == account && r.CheckType == check);
                var uptime = mine is null || mine.Count == 0 ? 100.0 : 100.0 * mine.UpCount / mine.Count;
                var count = incidents.GetValueOrDefault((account, check));
                return (check, uptime, count, mine?.Percentile(95));
            }).ToList();
            due.Alert(alerting.Compose(new DailySummary(account, rows, now.AddDays(-1), now,
                slos.Budgets.GetValueOrDefault(account), slos.Tickets.GetValueOrDefault(account))));
        }
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Timed alerts (reminders, escalations, token warnings, summary) failed this round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
