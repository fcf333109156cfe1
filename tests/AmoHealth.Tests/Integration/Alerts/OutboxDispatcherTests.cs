using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>The outbox against the simulator's Mattermost: once each, in order, through outages and restarts.</summary>
[Trait("Ring", "Integration")]
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    private AlertOptions Alerts { get; } = new() { GroupWindowSeconds = 0 };
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private SimulatorHost _mattermost = null!;
    private HttpClient _control = null!;
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        _mattermost = SimulatorHost.With();
        _control = _mattermost.CreateAmoClient();
        _contexts = await _database.MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _mattermost.DisposeAsync();
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AlertsAreDeliveredOnceEachAndInOrderPerIncident()
    {
        await EnqueueAsync(("GET", "down", "🔴 GET"), ("GET", "restored", "✅ GET"), ("WEB", "down", "🔴 WEB"));
        var dispatcher = Dispatcher();

        var delivered = await dispatcher.DeliverDueAsync(CancellationToken.None);
        var again = await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal((3, 0), (delivered, again));
        var received = await ReceivedAsync();
        Assert.Equal(["✅ GET", "🔴 GET", "🔴 WEB"], received.Order());
        // Each incident's alerts in order; incidents are independent of each other.
        Assert.True(received.IndexOf("🔴 GET") < received.IndexOf("✅ GET"));
        await using var db = await _contexts.CreateDbContextAsync();
        Assert.All(await db.Notifications.ToListAsync(), n => Assert.NotNull(n.DeliveredAt));
    }

    [Fact]
    public async Task AMattermostOutageDelaysAlertsWithBackoffAndLosesNoneAndKeepsTheirOrder()
    {
        await EnqueueAsync(("GET", "down", "🔴 GET"), ("GET", "restored", "✅ GET"));
        var dispatcher = Dispatcher();
        (await _control.PostJsonAsync("/__sim/mattermost/fault", """{"status":500}""")).EnsureSuccessStatusCode();

        Assert.Equal(0, await dispatcher.DeliverDueAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        // Not due yet: the first retry waits 2 s. And the restored alert never overtakes the down alert.
        Assert.Equal(0, await dispatcher.DeliverDueAsync(CancellationToken.None));
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            var rows = await db.Notifications.OrderBy(n => n.Id).ToListAsync();
            Assert.Equal([1, 0], rows.Select(n => n.Attempts));
            Assert.Equal("Mattermost answered HTTP 500", rows[0].LastError);
        }

        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(0, await dispatcher.DeliverDueAsync(CancellationToken.None));
        }

        (await _control.DeleteAsync("/__sim/mattermost/fault")).EnsureSuccessStatusCode();
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, await dispatcher.DeliverDueAsync(CancellationToken.None));

        Assert.Equal(["🔴 GET", "✅ GET"], await ReceivedAsync());
    }

    [Fact]
    public async Task AlertsWrittenBeforeACrashAreDeliveredByTheNextProcess()
    {
        await EnqueueAsync(("DP", "down", "🔴 DP"));

        var restarted = Dispatcher();
        await restarted.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(["🔴 DP"], await ReceivedAsync());
    }

    private OutboxDispatcher Dispatcher(AlertOptions? alerts = null)
    {
        var mattermost = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = new Uri(_mattermost.BaseUri, "/hooks/demo").ToString() }));
        return Dispatchers.Create(_connections, new Notifiers([mattermost], [], NullLogger<Notifiers>.Instance),
            alerts ?? Alerts, _time).Dispatcher;
    }

    [Fact]
    public async Task ChecksOfOneAccountGoingDownTogetherAreOneMessage()
    {
        await EnqueueAsync(("GET", "down", "🔴 GET"), ("POST", "down", "🔴 POST"), ("HOOK", "down", "🔴 HOOK"));
        var dispatcher = Dispatcher(new AlertOptions { GroupWindowSeconds = 3 });

        var early = await dispatcher.DeliverDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));
        var grouped = await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal((0, 3), (early, grouped));
        Assert.Equal(["🔴 GET\n\n🔴 POST\n\n🔴 HOOK"], await ReceivedAsync());
    }

    [Fact]
    public async Task ConfirmationsSpreadOverTheWindowStillMakeOneMessageEachWay()
    {
        var dispatcher = Dispatcher(new AlertOptions { GroupWindowSeconds = 3 });
        await EnqueueAsync(("GET", "down", "🔴 GET"));
        _time.Advance(TimeSpan.FromSeconds(2));
        await EnqueueAsync(("WEB", "down", "🔴 WEB"));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await dispatcher.DeliverDueAsync(CancellationToken.None));

        await using (var db = await _contexts.CreateDbContextAsync())
        {
            foreach (var incident in await db.Incidents.ToListAsync())
            {
                db.Notifications.Add(new NotificationRecord
                {
                    Account = "acme", CheckType = incident.CheckType, IncidentId = incident.Id, Kind = "restored",
                    Text = $"✅ {incident.CheckType}", CreatedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(),
                });
            }

            await db.SaveChangesAsync();
        }

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2, await dispatcher.DeliverDueAsync(CancellationToken.None));
        Assert.Equal(["🔴 GET\n\n🔴 WEB", "✅ GET\n\n✅ WEB"], await ReceivedAsync());
    }

    [Fact]
    public async Task AlertsAreHeldDuringMaintenanceAndSentWhenItEnds()
    {
        await EnqueueAsync(("WEB", "down", "🔴 WEB"));
        var now = _time.GetUtcNow();
        var dispatcher = Dispatcher(new AlertOptions
        {
            GroupWindowSeconds = 0,
            Maintenance = [new MaintenanceWindow { Account = "acme", Start = now.AddMinutes(-1),
                End = now.AddMinutes(30) }],
        });

        var during = await dispatcher.DeliverDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(29));
        var stillDuring = await dispatcher.DeliverDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var after = await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal((0, 0, 1), (during, stillDuring, after));
        Assert.Equal(["🔴 WEB"], await ReceivedAsync());
    }

    private async Task EnqueueAsync(params (string Check, string Kind, string Text)[] alerts)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var incidents = new Dictionary<string, IncidentRecord>();
        foreach (var (check, kind, text) in alerts)
        {
            if (!incidents.TryGetValue(check, out var incident))
            {
                incidents[check] = incident = new IncidentRecord { Account = "acme", CheckType = check,
                    Kind = Outcome.Down, StartTime = now, CreatedAt = now };
                db.Incidents.Add(incident);
            }

            db.Notifications.Add(new NotificationRecord
            {
                Account = "acme", CheckType = check, Incident = incident, Kind = kind, Text = text, CreatedAt = now,
                    NextAttemptAt = now,
            });
        }

        await db.SaveChangesAsync();
    }

    private async Task<List<string?>> ReceivedAsync() =>
        (await (await _control.GetAsync("/__sim/mattermost/messages")).JsonAsync()).EnumerateArray()
            .Select(m => m.GetProperty("payload").GetProperty("text").GetString())
            .ToList();
}
