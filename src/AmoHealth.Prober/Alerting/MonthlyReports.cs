using AmoHealth.Core.Alerting;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Reports;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>Posts last month's report, one 📊 message per account, when <c>Reports:MonthlyPost</c> is on: on the
/// cluster lease's holder, once per month (<see cref="MonthlyReportClock.PostedKey"/> is written in the transaction
/// that adds the messages to the outbox, under the lease's fence), late if the Prober was down at the hour.</summary>
public sealed partial class MonthlyReports(
    StoreConnections connections,
    Notifiers notifiers,
    AlertOutbox alerting,
    IOptions<AlertOptions> alerts,
    IOptions<ReportOptions> reports,
    IOptions<MonitorOptions> monitor,
    IOptions<SloOptions> slo,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<MonthlyReports> logger,
    Cluster.IOwnership? ownership = null) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!reports.Value.MonthlyPost)
        {
            return;
        }

        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                try
                {
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

    /// <summary>One look at the clock: posts the due month's report unless it went already. Returns the month posted.
    /// </summary>
    public async Task<ReportMonth?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var lease = ownership ?? new Cluster.SoleOwnership();
        // With no usual channel nothing would reach anybody: nothing is marked posted.
        if (!reports.Value.MonthlyPost || notifiers.Enabled.Count == 0 || !lease.TryLead(out var fence))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var due = MonthlyReportClock.DueMonth(alerts.Value, now);
        List<OutboxMessage> messages;
        await using (var read = await connections.ConnectAsync(cancellationToken))
        {
            if (await PostedAsync(read, due, cancellationToken))
            {
                return null;
            }

            var report = await MonthlyReportBuilder.BuildAsync(read.Connection, due, alerts.Value.Zone(), null,
                slo.Value, storage.Value.Retention, now, cancellationToken);
            messages = [.. report.Checks.Select(c => c.Account).Distinct(StringComparer.Ordinal)
                .Select(account => alerting.Compose(new MonthlyReportReady(account, report, Link(due, account))))];
        }

        // The report reads a month of rollups before the lease row is locked, so the keeper's renewal never waits
        // behind it; the mark is looked at again under the lock, where a second Prober's post would show.
        await using var session = await connections.BeginAsync(cancellationToken);
        if (!await lease.LeadsAsync(session, fence, cancellationToken)
            || await PostedAsync(session, due, cancellationToken))
        {
            return null;
        }

        foreach (var message in messages)
        {
            await alerting.AddAsync(session, message, now, cancellationToken);
        }

        await StateMarks.SetAsync(session, string.Empty, MonthlyReportClock.PostedKey, due.ToString(),
            cancellationToken);
        await session.CommitAsync(cancellationToken);
        LogPosted(logger, due.ToString(), messages.Count);
        return due;
    }

    private static async Task<bool> PostedAsync(StoreSession session, ReportMonth due, CancellationToken token) =>
        ReportMonth.Parse(await StateMarks.GetAsync(session, string.Empty, MonthlyReportClock.PostedKey, token))
            is { } posted && posted >= due;

    private string? Link(ReportMonth month, string account) =>
        string.IsNullOrWhiteSpace(monitor.Value.PublicUrl) ? null
            : $"{monitor.Value.PublicUrl.TrimEnd('/')}/api/reports/monthly?month={month}"
            + $"&account={Uri.EscapeDataString(account)}&format=html";

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted the monthly report of {Month}: {Messages} messages")]
    private static partial void LogPosted(ILogger logger, string month, int messages);

    [LoggerMessage(Level = LogLevel.Error, Message = "The monthly report could not be posted this round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
