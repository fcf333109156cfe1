using System.Globalization;
using AmoHealth.Core.Alerting;
using AmoHealth.Core.Configuration;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>"AmoHealth is not probing", raised once per cluster by the cluster lease's holder: an account whose newest
/// stored result is older than <see cref="Cadence.SilentAfter"/> gets one <see cref="ProbingStopped"/>, and one
/// <see cref="ProbingResumed"/> when its results come again, through the outbox and so every configured channel. What
/// was announced is kept in <c>probe_state</c>, written under the lease's fence with the alert, so a new holder neither
/// repeats it nor loses its ✅. Each look also leaves a heartbeat: while it is fresh the Api's last-resort alert (for
/// when no Prober is alive) stays quiet.</summary>
public sealed partial class ProbingWatch(
    StoreConnections connections,
    AlertOutbox alerts,
    IOptions<MonitorOptions> monitor,
    TimeProvider time,
    ILogger<ProbingWatch> logger,
    Cluster.IOwnership? ownership = null) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);

    private readonly Cluster.IOwnership _ownership = ownership ?? new Cluster.SoleOwnership();

    /// <summary>Since when this Prober has looked without a break: one that just started or took the lease over judges
    /// no account before it has watched for <see cref="Cadence.SilentAfter"/> itself.</summary>
    private DateTimeOffset? _watchingSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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

    /// <summary>One look, on the cluster lease's holder only; returns whether it looked.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!_ownership.TryLead(out var fence))
        {
            _watchingSince = null;
            return false;
        }

        await using var session = await connections.BeginAsync(cancellationToken);
        if (!await _ownership.LeadsAsync(session, fence, cancellationToken))
        {
            _watchingSince = null;
            return false;
        }

        var now = time.GetUtcNow();
        var watchingSince = _watchingSince ??= now;
        var limit = new Cadence(monitor.Value.CheckInterval).SilentAfter;
        var newest = await NewestAsync(session, cancellationToken);
        var marks = await StateMarks.AllAsync(session, ProbeStateKeys.NotProbingSince.Name, cancellationToken);
        foreach (var (account, lastMs) in newest)
        {
            var last = DateTimeOffset.FromUnixTimeMilliseconds(lastMs);
            var mark = marks.FirstOrDefault(m => m.Account == account);
            var stale = now - last > limit;
            if (stale && now - watchingSince > limit && mark is null)
            {
                LogStopped(logger, account, last);
                await alerts.RaiseAsync(session, new ProbingStopped(account, last, now), now, cancellationToken);
                await StateMarks.SetAsync(session, account, ProbeStateKeys.NotProbingSince.Name, Stored(last),
                    cancellationToken);
            }
            else if (!stale && mark is not null)
            {
                var since = long.TryParse(mark.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(at)
                    : last;
                LogResumed(logger, account);
                await alerts.RaiseAsync(session, new ProbingResumed(account, since, last), now, cancellationToken);
                await StateMarks.RemoveAsync(session, account, ProbeStateKeys.NotProbingSince.Name, cancellationToken);
            }
        }

        await StateMarks.SetAsync(
            session, string.Empty, ProbeStateKeys.ProbingWatch.Name, Stored(now), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>A moment as <c>probe_state</c> stores it: Unix milliseconds as text.</summary>
    private static string Stored(DateTimeOffset at) =>
        at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Each account's newest stored result, as stored (Unix ms).</summary>
    private static async Task<List<(string Account, long Last)>> NewestAsync(
        StoreSession session, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT account, MAX(last_check) FROM check_status GROUP BY account");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var newest = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            newest.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return newest;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No result of {Account} stored since {Last}: raising \"not probing\"")]
    private static partial void LogStopped(ILogger logger, string account, DateTimeOffset last);

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {Account} come in again")]
    private static partial void LogResumed(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking whether results still come in failed this round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
