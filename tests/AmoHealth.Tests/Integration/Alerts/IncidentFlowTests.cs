using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Prober.Persistence;
using AmoHealth.Prober.Scheduling;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>Results through the real writer into a real store: incidents and outbox rows, once per provider.</summary>
[Trait("Ring", "Integration")]
public abstract class IncidentFlowTests(ITestStore store) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ITestStore _database = store;
    private readonly RecheckQueue _rechecks = new(TimeProvider.System);

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AnOpenIncidentWhoseFailureTurnsIntoAnotherKindClosesAndTheNewKindIsAlertedAtOnce()
    {
        var contexts = await _database.MigrateAsync();
        ProbeResult Throttled(long at) =>
            new("acme", CheckType.Get, Outcome.Throttled, 100, at, 429, "HTTP 429: rate limited by amoCRM");
        ProbeResult Rejected(long at) =>
            new("acme", CheckType.Get, Outcome.AuthFailed, 100, at, 401, "HTTP 401: the access token was rejected");

        // A 429 is confirmed and alerted; when the pause ends, the token turns out to be revoked.
        await WriteAsync(Throttled(1_000), Throttled(6_000), Throttled(16_000), Throttled(46_000), Rejected(340_000),
            Rejected(370_000));

        await using var db = await contexts.CreateDbContextAsync();
        var incidents = await db.Incidents.OrderBy(i => i.Id).ToListAsync();
        Assert.Equal([(Outcome.Throttled, 1_000L, (long?)340_000), (Outcome.AuthFailed, 340_000L, null)],
            incidents.Select(i => (i.Kind, i.StartTime, i.EndTime)));
        var alerts = await db.Notifications.OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(["down", "restored", "down"], alerts.Select(a => a.Kind));
        Assert.Contains("429", alerts[0].Text);
        Assert.Contains("401", alerts[2].Text);
        Assert.Equal(incidents[1].Id, (await db.CheckStatuses.SingleAsync()).IncidentId);
    }

    [Fact]
    public async Task AConfirmedOutageOpensOneIncidentWithADownAlertAndRecoveryClosesItWithARestoredAlert()
    {
        var contexts = await _database.MigrateAsync();

        var published = await WriteAsync(Fail(1_000), Fail(6_000), Fail(21_000), Fail(51_000), Ok(81_000), Ok(86_000));

        await using var db = await contexts.CreateDbContextAsync();
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal([("incident_opened", "GET", incident.Id), ("incident_closed", "GET", incident.Id)],
            published.Incidents);
        Assert.Equal((1_000L, 86_000L, 85_000L, Outcome.Down),
            (incident.StartTime, incident.EndTime!.Value, incident.Duration!.Value, incident.Kind));
        Assert.Equal("HTTP 503", incident.Details);
        var alerts = await db.Notifications.OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(["down", "restored"], alerts.Select(a => a.Kind));
        Assert.StartsWith("🔴 **amoCRM: API (чтение, GET) не работает** — acme", alerts[0].Text);
        Assert.Contains("HTTP: 503", alerts[0].Text);
        Assert.StartsWith("✅ **amoCRM: API (чтение, GET) восстановлен** — acme", alerts[1].Text);
        Assert.Contains("Простой: 1 мин 25 с", alerts[1].Text);
        Assert.All(alerts, a => Assert.Equal(incident.Id, a.IncidentId));
        // Confirmations are due 5 s and 15 s after the first failure started (its answer took 120 ms).
        Assert.Equal([("acme", "GET", 4.88), ("acme", "GET", 9.88), ("acme", "GET", 5.0)],
            Queued(_rechecks).Select(r => (r.Account, r.CheckType, r.Delay.TotalSeconds)));
        Assert.Null((await db.CheckStatuses.SingleAsync()).IncidentId);
    }

    [Fact]
    public async Task ARejectedTokenOnEveryCheckIsOneCredentialsAlertNotFiveOutages()
    {
        var contexts = await _database.MigrateAsync();
        string[] checks = [CheckType.Get, CheckType.Post, CheckType.Hook];
        var results = new List<ProbeResult>();
        foreach (var at in new long[] { 1_000, 6_000, 16_000 })
        {
            results.AddRange(checks.Select(c =>
                new ProbeResult("acme", c, Outcome.AuthFailed, 80, at, 401,
                "HTTP 401: the access token was rejected")));
        }

        foreach (var at in new long[] { 60_000, 65_000 })
        {
            results.AddRange(checks.Select(c => new ProbeResult("acme", c, Outcome.Up, 80, at, 200, null)));
        }

        await WriteAsync([.. results]);

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(3, await db.Incidents.CountAsync(i => i.Kind == Outcome.AuthFailed && i.EndTime != null));
        var alerts = await db.Notifications.OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(["down", "restored"], alerts.Select(a => a.Kind));
        Assert.StartsWith("🔑 **amoCRM не принимает токен AmoHealth** — acme", alerts[0].Text);
        Assert.StartsWith("✅ **amoCRM снова принимает токен AmoHealth** — acme", alerts[1].Text);
    }

    [Fact]
    public async Task FailuresWhileTheMonitorIsOfflineOpenNoIncident()
    {
        var contexts = await _database.MigrateAsync();

        await WriteAsync(Fail(1_000) with { Kind = FailureKind.Configuration },
            Fail(6_000) with { Kind = FailureKind.Configuration },
            Fail(21_000) with { Kind = FailureKind.Configuration },
                Fail(51_000) with { Kind = FailureKind.Configuration });

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Empty(await db.Incidents.ToListAsync());
        Assert.Equal(4, await db.HealthChecks.CountAsync());
    }

    [Fact]
    public async Task OneFailedProbeIsNoIncidentAndNoAlert()
    {
        var contexts = await _database.MigrateAsync();

        await WriteAsync(Ok(1_000), Fail(31_000), Ok(36_000));

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Empty(await db.Incidents.ToListAsync());
        Assert.Empty(await db.Notifications.ToListAsync());
        Assert.Equal(3, await db.HealthChecks.CountAsync());
    }

    [Fact]
    public async Task AnIncidentOpenAcrossARestartIsClosedByTheNextProcess()
    {
        var contexts = await _database.MigrateAsync();
        await WriteAsync(Fail(1_000), Fail(6_000), Fail(21_000));

        await WriteAsync(Ok(60_000), Ok(65_000));

        await using var db = await contexts.CreateDbContextAsync();
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal(65_000, incident.EndTime);
        Assert.Equal(["down", "restored"], await db.Notifications.OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync());
    }

    [Fact]
    public async Task WithoutAnAlertChannelIncidentsAreStillKept()
    {
        var contexts = await _database.MigrateAsync();

        await WriteAsync(new MonitorOptions(), Fail(1_000), Fail(6_000), Fail(21_000));

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Single(await db.Incidents.ToListAsync());
        Assert.Empty(await db.Notifications.ToListAsync());
    }

    [Fact]
    public async Task ASuspectStreakHoursOldStartsOverInsteadOfOpeningAnIncident()
    {
        var contexts = await _database.MigrateAsync();

        // One failure, then the Prober was stopped for hours; the next failures are a new streak.
        await WriteAsync(Fail(1_000), Fail(7_201_000), Fail(7_206_000));

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Empty(await db.Incidents.ToListAsync());
        var status = await db.CheckStatuses.SingleAsync();
        Assert.Equal((CheckState.Suspect, 7_201_000L), (status.State, status.FailingSince!.Value));
    }

    [Fact]
    public async Task AnAccountNoLongerConfiguredHasItsIncidentsClosedAndLeavesTheCurrentStatus()
    {
        var contexts = await _database.MigrateAsync();
        await WriteAsync(Fail(1_000), Fail(6_000), Fail(21_000), Fail(51_000));

        await using (var connections = ((ITestStore)_database).CreateConnections())
        {
            var retired = await AmoHealth.Prober.Persistence.RetiredAccounts.RetireAsync(connections, ["other"],
                100_000, CancellationToken.None);
            Assert.Equal(["acme"], retired);
        }

        await using var check = await contexts.CreateDbContextAsync();
        var incident = await check.Incidents.SingleAsync();
        Assert.Equal((100_000L, 99_000L), (incident.EndTime!.Value, incident.Duration!.Value));
        Assert.Contains("no longer configured", incident.Details);
        Assert.Empty(await check.CheckStatuses.ToListAsync());
        Assert.Equal(4, await check.HealthChecks.CountAsync());
        Assert.Equal(["down"], await check.Notifications.Select(n => n.Kind).ToListAsync());
    }

    private Task<RecordingPublisher> WriteAsync(params ProbeResult[] results) =>
        WriteAsync(new MonitorOptions { MattermostWebhookUrl = "http://127.0.0.1:1/hooks/x" }, results);

    private async Task<RecordingPublisher> WriteAsync(MonitorOptions monitor, params ProbeResult[] results)
    {
        var channel = new ResultChannel();
        var mattermost = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = monitor.MattermostWebhookUrl }));
        var notifiers = new Notifiers([mattermost], [], NullLogger<Notifiers>.Instance);
        var alerts = new AlertOutbox(notifiers, Options.Create(new AlertOptions()), Options.Create(monitor));
        var tracker = new IncidentTracker(
            Options.Create(new AlertOptions()), Options.Create(monitor), alerts, NullLogger<IncidentTracker>.Instance);
        var publisher = new RecordingPublisher();
        using var writer = Pipeline.Writer(channel, new StoreConnections(_database.Options), publisher, tracker,
            rechecks: _rechecks);
        await writer.StartAsync(CancellationToken.None);
        foreach (var result in results)
        {
            // One at a time, as results arrive in production, so each is its own transaction.
            var before = publisher.Count;
            await channel.SubmitAsync(result, CancellationToken.None);
            await Eventually.TrueAsync(() => publisher.Count > before, Wait, "the result to be stored");
        }

        await writer.StopAsync(CancellationToken.None);
        return publisher;
    }

    private static ProbeResult Fail(long at) => new("acme", CheckType.Get, Outcome.Down, 120, at, 503, "HTTP 503");

    private static ProbeResult Ok(long at) => new("acme", CheckType.Get, Outcome.Up, 90, at, 200, null);

    private static List<RecheckRequest> Queued(RecheckQueue queue)
    {
        var queued = new List<RecheckRequest>();
        while (queue.Reader.TryRead(out var request))
        {
            queued.Add(request.Request);
        }

        return queued;
    }
}
