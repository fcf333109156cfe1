using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Prober.Persistence;
using AmoHealth.Prober.Scheduling;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Probes;

[Trait("Ring", "Integration")]
public sealed class ProbeSchedulerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly MonitorOptions Options = new() { CheckIntervalMs = 30_000, TimeoutMs = 10_000 };

    private readonly TimerClock _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly ResultChannel _results = new();
    private readonly List<FakeProbe> _probes = CheckType.All.Select(type => new FakeProbe(type)).ToList();
    private readonly List<ProbeResult> _received = [];
    private readonly RecordingLogger<ProbeScheduler> _log = new();
    private RecheckQueue _rechecks = null!;
    private ProbeScheduler _scheduler = null!;

    public async Task InitializeAsync()
    {
        _rechecks = new RecheckQueue(_time);
        _scheduler =
            Pipeline.Scheduler(_probes, [new AmoAccount("acme", new Uri("https://acme.amocrm.ru"), "token")], _results,
                Options, _time, _rechecks,
            logger: _log);
        await _scheduler.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var probe in _probes)
        {
            probe.Gate?.TrySetResult();
        }

        await _scheduler.StopAsync(CancellationToken.None);
        _scheduler.Dispose();
    }

    [Fact]
    public async Task ProberRunsEveryCheckAtStartWithoutWaitingAnInterval()
    {
        await Eventually.TrueAsync(() => _probes.All(p => p.Calls == 1), Wait, "the first cycle");

        var results = await ReadResultsAsync(5);

        Assert.Equal(CheckType.All.OrderBy(t => t), results.Select(r => r.CheckType).OrderBy(t => t));
        Assert.All(results, r => Assert.Equal("acme", r.Account));
    }

    [Fact]
    public async Task ReChecksArrivingTogetherRunACheckOnlyOnce()
    {
        await Eventually.TrueAsync(() => _probes.All(p => p.Calls == 1), Wait, "the first cycle");
        await ReadResultsAsync(5);
        var get = _probes.Single(p => p.CheckType == CheckType.Get);
        get.Gate = new TaskCompletionSource();

        // Re-checks and a cycle can ask for the same check in the same instant, from different threads.
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            _ => _rechecks.Request(new RecheckRequest("acme", CheckType.Get, TimeSpan.Zero)));
        // Every request is decided (one run, 63 skipped because it is still running) before counting the runs.
        await Eventually.TrueAsync(() => _log.Count("GET of acme is still running") == 63, Wait,
            "63 skipped re-checks");

        Assert.Equal(2, get.Calls);
        get.Gate.TrySetResult();
    }

    [Fact]
    public async Task ProberRunsTheNextCycleOnlyWhenTheIntervalHasPassed()
    {
        await Eventually.TrueAsync(() => _probes.All(p => p.Calls == 1), Wait, "the first cycle");
        await ReadResultsAsync(5);

        var fired = _time.Fired;
        _time.Advance(Options.CheckInterval - TimeSpan.FromMilliseconds(1));

        // An advance runs every timer that comes due before it returns: none did, so no cycle can start.
        Assert.Equal(fired, _time.Fired);
        Assert.All(_probes, p => Assert.Equal(1, p.Calls));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => _probes.All(p => p.Calls == 2), Wait, "the second cycle");
        await ReadResultsAsync(5);
    }

    [Fact]
    public async Task ProberSkipsACheckWhosePreviousRunIsStillInFlight()
    {
        var slow = _probes[0];
        await Eventually.TrueAsync(() => _probes.All(p => p.Calls == 1), Wait, "the first cycle");
        await ReadResultsAsync(5);
        slow.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        _time.Advance(Options.CheckInterval);
        await Eventually.TrueAsync(() => _probes.All(p => p.Calls == 2), Wait, "the second cycle");
        await ReadResultsAsync(4);

        // Two more turns pass while the slow probe still runs: it must not be started again.
        _time.Advance(Options.CheckInterval);
        await Eventually.TrueAsync(() => _probes.Skip(1).All(p => p.Calls == 3), Wait, "the third cycle");
        _time.Advance(Options.CheckInterval);
        await Eventually.TrueAsync(() => _probes.Skip(1).All(p => p.Calls == 4), Wait, "the fourth cycle");
        await ReadResultsAsync(8);
        Assert.Equal(2, slow.Calls);

        slow.Gate.SetResult();
        slow.Gate = null;
        await ReadResultsAsync(1);
        _time.Advance(Options.CheckInterval);
        await Eventually.TrueAsync(() => slow.Calls == 3, Wait, "the slow check to run again");
    }

    [Fact]
    public async Task ProberRecordsAThrowingProbeAsDownAndKeepsProbing()
    {
        var broken = _probes[1];
        await Eventually.TrueAsync(() => _probes.All(p => p.Calls == 1), Wait, "the first cycle");
        await ReadResultsAsync(5);
        broken.Throws = new InvalidOperationException("boom");

        _time.Advance(Options.CheckInterval);
        var results = await ReadResultsAsync(5);

        var failed = Assert.Single(results, r => r.CheckType == broken.CheckType);
        Assert.Equal(Outcome.Down, failed.Outcome);
        Assert.Contains("InvalidOperationException", failed.ErrorMessage);
        Assert.Equal(FailureKind.MonitorError, failed.Kind);

        broken.Throws = null;
        _time.Advance(Options.CheckInterval);
        var next = await ReadResultsAsync(5);
        Assert.Equal(Outcome.Up, Assert.Single(next, r => r.CheckType == broken.CheckType).Outcome);
    }

    private async Task<List<ProbeResult>> ReadResultsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var batch = new List<ProbeResult>();
        while (batch.Count < count)
        {
            batch.Add(await _results.Reader.ReadAsync(timeout.Token));
        }

        _received.AddRange(batch);

        // A run leaves the in-flight set just after it hands over its result: wait for that (all but the runs a
        // test holds open), so the next turn the test lets pass sees those checks finished, not still running.
        var held = _probes.Count(p => p.Gate is { Task.IsCompleted: false });
        await Eventually.TrueAsync(() => _scheduler.InFlight.Count <= held, Wait,
            "the runs to leave the in-flight set");
        return batch;
    }
}
