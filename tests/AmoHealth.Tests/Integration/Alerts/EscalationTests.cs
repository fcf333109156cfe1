using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>A whole escalation policy walked on the fake clock, the way the timers tick (every 30 s): each step at
/// its minute, to the policy's channels only, then no more; an acknowledgement or a silence stops it at once.</summary>
[Trait("Ring", "Integration")]
public sealed class EscalationTests : IAsyncLifetime
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);
    private readonly TempDatabase _database = new();
    private static readonly DateTimeOffset Opened = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    private readonly TimerClock _time = new(Opened);
    private readonly OnCallQuiet _quiet = new();
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;
    private long _incident;

    public async Task InitializeAsync()
    {
        _contexts = await _database.MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
        var start = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await _contexts.CreateDbContextAsync();
        var incident = new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
            StartTime = start, CreatedAt = start };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        _incident = incident.Id;
    }

    public async Task DisposeAsync()
    {
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task EachStepOfThePolicyGoesToItsChannelsAtItsMinuteAndThenItStops()
    {
        var timers = Timers();

        var fired = await WalkAsync(timers, TimeSpan.FromMinutes(40));

        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15)], fired);
        await using var db = await _contexts.CreateDbContextAsync();
        var rows = await db.Notifications.OrderBy(n => n.Id).ToListAsync();
        Assert.All(rows, r => Assert.Equal(("escalated", "oncall", _incident),
            (r.Kind, r.Channel, r.IncidentId!.Value)));
        Assert.StartsWith("🚨 **Эскалация 2 из 3: amoCRM: API (чтение, GET)", rows[1].Text, StringComparison.Ordinal);
        Assert.Contains("уже 10 мин 0 с", rows[1].Text, StringComparison.Ordinal);
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal((3, Opened.AddMinutes(15).ToUnixTimeMilliseconds()),
            (incident.EscalationStep, incident.EscalatedAt));
        var timeline = await db.IncidentEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["escalated", "escalated", "escalated"], timeline.Select(e => e.Kind));
        Assert.Equal("3/3: oncall", timeline[2].Text);
    }

    [Fact]
    public async Task AnAcknowledgementBetweenStepsStopsTheEscalationAtOnce()
    {
        var timers = Timers();
        var fired = await WalkAsync(timers, TimeSpan.FromMinutes(9.5));

        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await db.Incidents.ExecuteUpdateAsync(s => s.SetProperty(i => i.AcknowledgedBy, "anna"));
        }

        fired.AddRange(await WalkAsync(timers, TimeSpan.FromMinutes(30)));

        Assert.Equal([TimeSpan.FromMinutes(5)], fired);
        Assert.Equal(1, await StepAsync());
    }

    [Fact]
    public async Task ASilenceStopsTheEscalation()
    {
        var timers = Timers();
        var fired = await WalkAsync(timers, TimeSpan.FromMinutes(7));
        _quiet.Silence("acme", _time.GetUtcNow());

        fired.AddRange(await WalkAsync(timers, TimeSpan.FromMinutes(30)));

        Assert.Equal([TimeSpan.FromMinutes(5)], fired);
        Assert.Equal(1, await StepAsync());
    }

    [Fact]
    public async Task AnAccountsOwnPolicyDecidesItsStepsAndChannels()
    {
        var timers = Timers(new EscalationOverride { AfterMinutes = 2, Repeat = 2, Channels = ["oncall", "phone"] });

        var fired = await WalkAsync(timers, TimeSpan.FromMinutes(10));

        Assert.Equal([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)], fired);
        await using var db = await _contexts.CreateDbContextAsync();
        Assert.Equal(["oncall", "phone", "oncall", "phone"],
            await db.Notifications.OrderBy(n => n.Id).Select(n => n.Channel).ToListAsync());
    }

    /// <summary>Ticks the timers every 30 s for <paramref name="span"/>; returns when (after the incident opened)
    /// each escalation step was written.</summary>
    private async Task<List<TimeSpan>> WalkAsync(AlertTimers timers, TimeSpan span)
    {
        var fired = new List<TimeSpan>();
        var until = _time.GetUtcNow() + span;
        while (_time.GetUtcNow() < until)
        {
            _time.Advance(Tick);
            var before = await StepAsync();
            await timers.RunOnceAsync(CancellationToken.None);
            if (await StepAsync() > before)
            {
                fired.Add(_time.GetUtcNow() - Opened);
            }
        }

        return fired;
    }

    private async Task<int> StepAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return (await db.Incidents.SingleAsync()).EscalationStep;
    }

    private AlertTimers Timers(EscalationOverride? acme = null)
    {
        var escalation = new EscalationOptions { AfterMinutes = 5, Repeat = 3, Channels = ["oncall"] };
        if (acme is not null)
        {
            escalation.Accounts["acme"] = acme;
        }

        var alerts = new AlertOptions { DailySummaryHour = -1, RemindEveryMinutes = 0, Escalation = escalation };
        var notifiers = new Notifiers([new RecordingNotifier("mattermost"), new RecordingNotifier("oncall"),
            new RecordingNotifier("phone")], [], NullLogger<Notifiers>.Instance);
        var module = new AlertOutbox(notifiers, Options.Create(alerts), Options.Create(new MonitorOptions()));
        return new AlertTimers(_connections, notifiers, module, Options.Create(alerts), _time,
            NullLogger<AlertTimers>.Instance, Options.Create(new StorageOptions()), null, [_quiet]);
    }
}
