using System.Collections.Concurrent;
using System.Diagnostics;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Diagnostics;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Prober.Persistence;
using AmoHealth.Prober.Probes;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Scheduling;

/// <summary>
/// Runs every probe of every account once per <see cref="MonitorOptions.CheckInterval"/>, starting at once.
/// Accounts are spread evenly over the interval (account i of n starts i/n of an interval after the tick),
/// so hundreds of accounts never open their connections in the same instant. A check never overlaps its
/// own previous run: a probe still running when its next turn comes is skipped, so a slow answer can never
/// land after a newer one. Only accounts this Prober owns (<see cref="IOwnership"/>) are probed, each result
/// carrying the fence it was probed under; an account just taken over with a stale last result starts at once.
/// </summary>
public sealed partial class ProbeScheduler(
    IEnumerable<IProbe> probes,
    IReadOnlyList<AmoAccount> accounts,
    ResultChannel results,
    RecheckQueue rechecks,
    NetworkSelfCheck selfCheck,
    Heartbeat heartbeat,
    ProbeLoopHealth loop,
    IOwnership ownership,
    IOptions<MonitorOptions> options,
    TimeProvider time,
    ILogger<ProbeScheduler> logger) : BackgroundService
{
    private CancellationToken _stopping;
    private long _sequence;

    private readonly IProbe[] _probes = probes.ToArray();
    private readonly ConcurrentDictionary<(string Account, string CheckType), Task> _running = new();

    /// <summary>Runs still in flight; tests and shutdown wait on them.</summary>
    internal IReadOnlyCollection<Task> InFlight => _running.Values.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        LogStarted(logger, _probes.Length, accounts.Count, options.Value.CheckIntervalMs);
        // Re-checks start after their delay; accounts taken over with a stale last result start at once.
        var confirming = DrainAsync(rechecks.Reader, r => StartRecheck(r.Request, r.DueAt), stoppingToken);
        var overdue = DrainAsync(ownership.Overdue, name => StartAccount(accounts.FirstOrDefault(a => a.Name == name),
            stoppingToken), stoppingToken);
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            do
            {
                StartCycle(stoppingToken);
                loop.Tick();
                heartbeat.Beat(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }

        await Task.WhenAll(confirming, overdue);
        await Task.WhenAll(InFlight);
    }

    private static async Task DrainAsync<T>(System.Threading.Channels.ChannelReader<T> reader, Action<T> start,
        CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in reader.ReadAllAsync(stoppingToken))
            {
                start(item);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is moot.
        }
    }

    /// <summary>Starts each check whose previous run has finished; never waits for one.</summary>
    internal void StartCycle(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckInterval;
        for (var i = 0; i < accounts.Count; i++)
        {
            var offset = interval * i / accounts.Count;
            if (offset == TimeSpan.Zero)
            {
                StartAccount(accounts[i], stoppingToken);
            }
            else
            {
                _ = StartLaterAsync(accounts[i], offset, stoppingToken);
            }
        }
    }

    private async Task StartLaterAsync(AmoAccount account, TimeSpan offset, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(offset, time, stoppingToken);
            StartAccount(account, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before this account's turn.
        }
    }

    private void StartAccount(AmoAccount? account, CancellationToken stoppingToken)
    {
        foreach (var probe in account is null ? [] : _probes)
        {
            StartProbe(account!, probe, recheck: false, stoppingToken);
        }
    }

    private void StartProbe(AmoAccount account, IProbe probe, bool recheck, CancellationToken stoppingToken)
    {
        if (!ownership.TryOwn(account.Name, out var fence))
        {
            return;
        }

        var key = (account.Name, probe.CheckType);
        var run = new TaskCompletionSource();
        // One atomic claim: a re-check and a cycle arriving together can never run the same check twice.
        if (!_running.TryAdd(key, run.Task))
        {
            LogSkipped(logger, probe.CheckType, account.Name);
            return;
        }

        ownership.Enter(account.Name);
        _ = RunAsync(probe, account, key, run, (Interlocked.Increment(ref _sequence), fence), recheck, stoppingToken);
    }

    private async Task RunAsync(
        IProbe probe,
        AmoAccount account,
        (string, string) key,
        TaskCompletionSource run,
        (long Sequence, long Fence) order,
        bool recheck,
        CancellationToken stoppingToken)
    {
        // A root span per probe: a probe starts from the timer, never inside another operation's trace.
        Activity.Current = null;
        using var activity = ProbeTracing.Start(account.Name, probe.CheckType, recheck);
        try
        {
            var result = await ProbeSafelyAsync(probe, account, stoppingToken);
            // Only "nothing answered" can be our own network; an answer, or our own defect, is not relabelled.
            if (result is { Outcome: Outcome.Down } && result.Kind.IsNetwork()
                && !await selfCheck.IsOnlineAsync(stoppingToken))
            {
                LogOffline(logger, result.CheckType, result.Account);
                result = result with
                {
                    ErrorMessage = $"AmoHealth itself is offline (the reference target is unreachable too): "
                        + $"{result.ErrorMessage}",
                    Kind = FailureKind.Offline,
                };
            }

            if (result is not null)
            {
                LogResult(logger, result.CheckType, result.Account, result.Outcome, result.ResponseTimeMs);
                ProbeTracing.Finish(activity, result);
                await results.SubmitAsync(result with { Sequence = order.Sequence, Fence = order.Fence },
                    stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-probe: the result would be meaningless.
        }
        finally
        {
            _running.TryRemove(key, out _);
            ownership.Exit(account.Name);
            run.SetResult();
        }
    }

    private async Task<ProbeResult?> ProbeSafelyAsync(IProbe probe, AmoAccount account, CancellationToken stoppingToken)
    {
        var startedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            return await probe.ProbeAsync(account, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A bug in one probe must not stop the loop, nor be mistaken for an amoCRM outage silently.
            LogProbeCrashed(logger, ex, probe.CheckType, account.Name);
            return new ProbeResult(account.Name, probe.CheckType, Outcome.Down, null, startedAt, null,
                $"Probe error: {ex.GetType().Name}") { Kind = FailureKind.MonitorError };
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Probing {ProbeCount} checks of {AccountCount} account(s) every {IntervalMs} ms")]
    private static partial void LogStarted(ILogger logger, int probeCount, int accountCount, int intervalMs);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{CheckType} of {Account} is still running from the previous cycle; this turn is skipped")]
    private static partial void LogSkipped(ILogger logger, string checkType, string account);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{CheckType} of {Account}: {Outcome} in {ResponseTimeMs} ms")]
    private static partial void LogResult(ILogger logger, string checkType, string account, Outcome outcome,
        int? responseTimeMs);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{CheckType} of {Account} failed while AmoHealth itself is offline; no incident")]
    private static partial void LogOffline(ILogger logger, string checkType, string account);

    [LoggerMessage(Level = LogLevel.Error, Message = "{CheckType} probe of {Account} threw")]
    private static partial void LogProbeCrashed(ILogger logger, Exception exception, string checkType, string account);
}
