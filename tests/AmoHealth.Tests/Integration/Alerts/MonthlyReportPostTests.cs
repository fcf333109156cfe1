using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Reports;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>The monthly post on a fake clock: due on the 1st at 09:00 Moscow time (06:00 UTC), once per month
/// whatever restarts in between, and never while <c>Reports:MonthlyPost</c> is off.</summary>
[Trait("Ring", "Integration")]
public sealed class MonthlyReportPostTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 5, 59, 0, TimeSpan.Zero));
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        _contexts = await _database.MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
        var november = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        await using var db = await _contexts.CreateDbContextAsync();
        await Results.StoreAsync(db, [
            new ProbeResult("acme", CheckType.Get, Outcome.Up, 120, november, 200, null),
            new ProbeResult("acme", CheckType.Get, Outcome.Down, null, november + 60_000, 503, null),
            new ProbeResult("beta", CheckType.Post, Outcome.Up, 300, november, 200, null),
        ]);
        // The previous month went out already, as it would have on a running installation.
        db.ProbeStates.Add(new ProbeStateRecord { Account = string.Empty, Key = MonthlyReportClock.PostedKey,
            Value = "2026-10" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task LastMonthsReportIsPostedOncePerAccountOnTheFirstAtTheHourEvenAcrossARestart()
    {
        var before = await Reports(enabled: true).RunOnceAsync(CancellationToken.None);
        var beforeKinds = await KindsAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        var posted = await Reports(enabled: true).RunOnceAsync(CancellationToken.None);
        var again = await Reports(enabled: true).RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(2));
        var restarted = await Reports(enabled: true).RunOnceAsync(CancellationToken.None);

        Assert.Null(before);
        Assert.Empty(beforeKinds);
        Assert.Equal(new ReportMonth(2026, 11), posted);
        Assert.Null(again);
        Assert.Null(restarted);
        await using var check = await _contexts.CreateDbContextAsync();
        var messages = await check.Notifications.OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(["acme", "beta"], messages.Select(m => m.Account));
        Assert.All(messages, m => Assert.Equal(NotificationKinds.MonthlyReport, m.Kind));
        Assert.StartsWith("📊 **Отчёт о работе amoCRM за ноябрь 2026** — acme\n"
            + "API (чтение, GET): доступность 50% · инцидентов: 0 · MTTR: — · SLO 99.9%: не измерено · "
            + "бюджет израсходован: 2.3%", messages[0].Text);
        Assert.EndsWith("[Отчёт полностью](http://127.0.0.1:8080/api/reports/monthly?month=2026-11&account=acme"
            + "&format=html)", messages[0].Text);
        Assert.Equal("2026-11", (await check.ProbeStates.SingleAsync(s => s.Key == MonthlyReportClock.PostedKey))
            .Value);
    }

    [Fact]
    public async Task NothingIsPostedOrMarkedWhileTheMonthlyPostIsOff()
    {
        _time.Advance(TimeSpan.FromHours(3));

        var posted = await Reports(enabled: false).RunOnceAsync(CancellationToken.None);

        Assert.Null(posted);
        Assert.Empty(await KindsAsync());
        await using var check = await _contexts.CreateDbContextAsync();
        Assert.Equal("2026-10", (await check.ProbeStates.SingleAsync(s => s.Key == MonthlyReportClock.PostedKey))
            .Value);
    }

    /// <summary>A new instance each time, as a restarted Prober has: only the database remembers.</summary>
    private MonthlyReports Reports(bool enabled)
    {
        var alerts = new AlertOptions { DailySummaryHour = 9 };
        var monitor = new MonitorOptions { PublicUrl = "http://127.0.0.1:8080/" };
        var mattermost = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = "http://127.0.0.1:1/hooks/x" }));
        var notifiers = new Notifiers([mattermost], [], NullLogger<Notifiers>.Instance);
        var outbox = new AlertOutbox(notifiers, Options.Create(alerts), Options.Create(monitor));
        return new MonthlyReports(_connections, notifiers, outbox, Options.Create(alerts),
            Options.Create(new ReportOptions { MonthlyPost = enabled }), Options.Create(monitor),
            Options.Create(new SloOptions()), Options.Create(new StorageOptions()), _time,
            NullLogger<MonthlyReports>.Instance);
    }

    private async Task<List<string>> KindsAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.Notifications.Select(n => n.Kind).ToListAsync();
    }
}
