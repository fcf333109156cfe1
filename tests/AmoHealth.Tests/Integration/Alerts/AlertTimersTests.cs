using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

[Trait("Ring", "Integration")]
public sealed class AlertTimersTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        _contexts = await _database.MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
    }

    public async Task DisposeAsync()
    {
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AnIncidentThatStaysOpenIsRemindedEvery30Minutes()
    {
        var start = _time.GetUtcNow().AddMinutes(-31).ToUnixTimeMilliseconds();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            var incident = new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
                StartTime = start, CreatedAt = start };
            db.Incidents.Add(incident);
            db.Notifications.Add(new NotificationRecord { Account = "acme", CheckType = "GET", Incident = incident,
                Kind = "down", Text = "🔴", CreatedAt = start });
            await db.SaveChangesAsync();
        }

        var timers = Timers(new AlertOptions { DailySummaryHourUtc = -1 });
        await timers.RunOnceAsync(CancellationToken.None);
        await timers.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(29));
        await timers.RunOnceAsync(CancellationToken.None);
        var afterOne = await KindsAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        await timers.RunOnceAsync(CancellationToken.None);

        Assert.Equal(["down", "reminder"], afterOne);
        Assert.Equal(["down", "reminder", "reminder"], await KindsAsync());
        await using var check = await _contexts.CreateDbContextAsync();
        Assert.StartsWith("⏳ **amoCRM: API (чтение, GET) всё ещё не работает** — acme\nУже: 31 мин",
            (await check.Notifications.OrderBy(n => n.Id).Skip(1).FirstAsync()).Text);
    }

    [Fact]
    public async Task ATokenIsWarnedAboutOncePerThresholdBeforeItExpires()
    {
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.ProbeStates.Add(new ProbeStateRecord
            {
                Account = "acme",
                Key = ProbeStateRecord.TokenExpiresKey,
                Value = _time.GetUtcNow().AddDays(10).AddHours(1).ToUnixTimeMilliseconds()
                    .ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            await db.SaveChangesAsync();
        }

        var timers = Timers(new AlertOptions { DailySummaryHourUtc = -1 });
        await timers.RunOnceAsync(CancellationToken.None);
        await timers.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(7));
        await timers.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await timers.RunOnceAsync(CancellationToken.None);

        await using var check = await _contexts.CreateDbContextAsync();
        var texts = await check.Notifications.OrderBy(n => n.Id).Select(n => n.Text).ToListAsync();
        Assert.Equal(2, texts.Count);
        Assert.Contains("Осталось дней: 10", texts[0]);
        Assert.Contains("Осталось дней: 3", texts[1]);
    }

    [Fact]
    public async Task TheDailySummaryGivesUptimeIncidentsAndP95PerCheckOncePerDay()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await Results.StoreAsync(db, Enumerable.Range(0, 20).Select(i =>
                new ProbeResult("acme", CheckType.Get, i < 15 ? Outcome.Up : Outcome.Down, 100 + i * 10,
                    now - i * 60_000, 200, null)));

            db.Incidents.Add(new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
                StartTime = now - 3_600_000, CreatedAt = now });
            db.ProbeStates.Add(new ProbeStateRecord { Account = string.Empty, Key = "daily_summary_sent",
                Value = _time.GetUtcNow().AddDays(-1).ToString("yyyy-MM-dd",
                System.Globalization.CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync();
        }

        var timers = Timers(new AlertOptions { DailySummaryHourUtc = 12, RemindEveryMinutes = 0 });
        await timers.RunOnceAsync(CancellationToken.None);
        await timers.RunOnceAsync(CancellationToken.None);

        await using var check = await _contexts.CreateDbContextAsync();
        var summary = Assert.Single(await check.Notifications.ToListAsync());
        Assert.Equal("summary", summary.Kind);
        Assert.Contains("GET: 75% · инцидентов: 1 · p95: 280 мс", summary.Text);
        Assert.Contains("POST: 100% · инцидентов: 0 · p95: —", summary.Text);
    }

    [Fact]
    public async Task ANewInstallationSendsNoSummaryOfItsFirstMinutes()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await Results.StoreAsync(db, Enumerable.Range(0, 5).Select(i =>
                new ProbeResult("acme", CheckType.Get, Outcome.Up, 100, now - i * 30_000, 200, null)));
        }

        var timers = Timers(new AlertOptions { DailySummaryHourUtc = 0, RemindEveryMinutes = 0 });
        await timers.RunOnceAsync(CancellationToken.None);

        Assert.Empty(await KindsAsync());
        await using var check = await _contexts.CreateDbContextAsync();
        Assert.Contains(await check.ProbeStates.ToListAsync(), s => s.Key == "daily_summary_sent");
    }

    private AlertTimers Timers(AlertOptions alerts)
    {
        var mattermost = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = "http://127.0.0.1:1/hooks/x" }));
        var notifiers = new Notifiers([mattermost], [], NullLogger<Notifiers>.Instance);
        var module = new AlertOutbox(notifiers, Options.Create(alerts), Options.Create(new MonitorOptions()));
        return new AlertTimers(_connections, notifiers, module, Options.Create(alerts), _time,
            NullLogger<AlertTimers>.Instance,
            Options.Create(new AmoHealth.Core.Storage.StorageOptions()));
    }

    private async Task<List<string>> KindsAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.Notifications.OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync();
    }
}
