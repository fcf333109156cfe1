using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Slo;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>One burn episode of the fast rule at a 99 % target, on a fake clock: one 🔥 when it fires, nothing while
/// it burns on, one ✅ as soon as the last 5 minutes hold no bad minute, nothing after; its texts; the open incident
/// line; a second Prober on the same store; maintenance holding the 🔥 as it holds incidents' alerts.</summary>
[Trait("Ring", "Integration")]
public sealed class BurnWatchTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly SloOptions Slo = new() { Target = 99 };
    private readonly TempDatabase _database = new();
    private readonly TimerClock _time = new(Now);
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        _contexts = await _database.MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
        // Six healthy hours but for 9 bad minutes in the last hour, one of them in the last 5 (minute 1): fast fires
        // (15× and 20×), slow does not (9 of 360 is 2.5×).
        await using var db = await _contexts.CreateDbContextAsync();
        await BurnHistory.WriteAsync(db, "acme", CheckType.Get, Now, 360, BurnHistory.Spread(60, 9, 5, 1));
    }

    public async Task DisposeAsync()
    {
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AFastBurnSendsOneFireAndOneAllClearOnceTheLastFiveMinutesHaveNoBadMinute()
    {
        var rig = new BurnRig(_connections, _time, Slo);

        await rig.LookAsync();
        await rig.LookAsync();
        var fired = rig.Sent.Select(n => n.Kind).ToList();
        var stillOpen = new List<bool>();
        for (var minute = 1; minute <= 8; minute++)
        {
            // A healthy minute goes by; the bad minute 1 is minute 5 of the window after 4, outside it after 5.
            _time.Advance(TimeSpan.FromMinutes(1));
            await using (var db = await _contexts.CreateDbContextAsync())
            {
                await BurnHistory.WriteAsync(db, "acme", CheckType.Get, _time.GetUtcNow(), 1, new HashSet<int>());
            }

            await rig.LookAsync();
            stillOpen.Add(await OpenAsync("fast"));
        }

        Assert.Equal([NotificationKinds.Burn], fired);
        Assert.Equal([true, true, true, true, false, false, false, false], stillOpen);
        var sent = rig.Sent;
        Assert.Equal([NotificationKinds.Burn, NotificationKinds.BurnCleared], sent.Select(n => n.Kind));
        Assert.All(sent, n => Assert.Equal(("acme", CheckType.Get, (long?)null), (n.Account, n.CheckType,
            n.IncidentId)));
        Assert.Equal("""
            🔥 **Бюджет ошибок сгорает: API (чтение, GET) (правило fast)** — acme
            Скорость сгорания: 15× за 1h, 20× за 5m (порог 14.4×)
            Осталось бюджета: 97.92% (423 мин из 432 мин за 30 д)
            Цель: 99% за 30 д
            При такой скорости бюджет закончится через 1 д 23 ч 0 с
            Начало: 2026-12-07 12:00:00 (Europe/Moscow)
            """.ReplaceLineEndings("\n"), sent[0].Text);
        Assert.Equal("""
            ✅ **Бюджет ошибок больше не сгорает: API (чтение, GET) (правило fast)** — acme
            Длилось: 5 мин 0 с
            С 2026-12-07 12:00:00 по 2026-12-07 12:05:00 (Europe/Moscow)
            """.ReplaceLineEndings("\n"), sent[1].Text);
    }

    [Fact]
    public async Task WhileTheChecksIncidentIsOpenTheAlertOpensButNoFireIsPostedItsRedAlreadyPages()
    {
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            var start = Now.AddMinutes(-3).ToUnixTimeMilliseconds();
            db.Incidents.Add(new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
                StartTime = start, CreatedAt = start });
            await db.SaveChangesAsync();
        }

        var rig = new BurnRig(_connections, _time, Slo, new AlertOptions { Language = "en" });
        await rig.LookAsync();

        Assert.Empty(rig.Sent);
        Assert.True(await OpenAsync("fast"));
    }

    [Fact]
    public async Task AFastAndASlowBurnOfOneCheckPostOneFireAndOneAllClearWhenBothHaveStopped()
    {
        // POST: minutes 1-10 bad and 30 more spread over six hours: fast (13 of 60, 5 of 5) and slow (40 of 360,
        // 10 of 30) both fire; fast stops after about five calm minutes, slow after about thirty.
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await BurnHistory.WriteAsync(db, "acme", CheckType.Post, Now, 360, BurnHistory.Spread(360, 40, 30, 10));
        }

        var rig = new BurnRig(_connections, _time, Slo);
        await rig.LookAsync();
        Assert.True(await OpenAsync("slow"));
        var clearedWhileSlowOpen = false;
        for (var minute = 1; minute <= 40 && await OpenAsync("slow"); minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await using (var db = await _contexts.CreateDbContextAsync())
            {
                await BurnHistory.WriteAsync(db, "acme", CheckType.Post, _time.GetUtcNow(), 1, new HashSet<int>());
                await BurnHistory.WriteAsync(db, "acme", CheckType.Get, _time.GetUtcNow(), 1, new HashSet<int>());
            }

            await rig.LookAsync();
            clearedWhileSlowOpen |= await OpenAsync("slow")
                && rig.Sent.Any(n => n.CheckType == CheckType.Post && n.Kind == NotificationKinds.BurnCleared);
        }

        Assert.False(await OpenAsync("slow"));
        Assert.False(clearedWhileSlowOpen);
        Assert.Equal([NotificationKinds.Burn, NotificationKinds.BurnCleared],
            rig.Sent.Where(n => n.CheckType == CheckType.Post).Select(n => n.Kind));
    }

    [Fact]
    public async Task TwoProbersOnOneStoreOpenOneAlertAndSendOneFire()
    {
        var rig = new BurnRig(_connections, _time, Slo);
        var second = rig.Create(_connections, _time, Slo, null);

        await Task.WhenAll(Retried(rig.Watch), Retried(second));
        await rig.LookAsync();
        await second.RunOnceAsync(CancellationToken.None);
        await rig.Dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.True(await OpenAsync("fast"));
        await using var db = await _contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.BurnAlerts.CountAsync(a => a.Rule == "fast"));
        Assert.Equal([NotificationKinds.Burn], rig.Sent.Select(n => n.Kind));
        // The open index itself refuses a second open row, whatever a Prober read before.
        await using var session = await _connections.BeginAsync(CancellationToken.None);
        Assert.Null(await BurnRows.TryOpenAsync(session, new BurnAlertRecord
        {
            Account = "acme", CheckType = CheckType.Get, Rule = "fast", Severity = BurnRules.Page, Target = 0.99,
            OpenedAt = Now.ToUnixTimeMilliseconds(),
        }, CancellationToken.None));
    }

    [Fact]
    public async Task AFireInsideAMaintenanceWindowIsHeldUntilTheWindowEnds()
    {
        var alerts = new AlertOptions
        {
            GroupWindowSeconds = 0,
            Maintenance = [new MaintenanceWindow { Account = "acme", Start = Now.AddHours(-1), End = Now.AddHours(1) }],
        };
        var rig = new BurnRig(_connections, _time, Slo, alerts);

        await rig.LookAsync();
        var during = rig.Sent.Count;
        _time.Advance(TimeSpan.FromHours(1));
        await rig.Dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(0, during);
        Assert.Equal([NotificationKinds.Burn], rig.Sent.Select(n => n.Kind));
    }

    [Fact]
    public async Task WithBurnAlertsOffNothingOpens()
    {
        var rig = new BurnRig(_connections, _time, new SloOptions { Target = 99, BurnAlerts = false });

        await rig.LookAsync();

        Assert.False(await OpenAsync("fast"));
        Assert.Empty(rig.Sent);
    }

    [Fact]
    public async Task TheHostedWatchLooksOnStartAndThenOnceAMinuteOnItsClock()
    {
        var rig = new BurnRig(_connections, _time, Slo);
        await rig.Watch.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.GetAsync(async () => await OpenAsync("fast") ? "open" : null, TimeSpan.FromSeconds(30),
                "the first look to open the fast alert");
            await _time.ParkedAsync(BurnWatch.Tick, TimeSpan.FromSeconds(30), "the watch's one-minute timer");
            _time.Advance(TimeSpan.FromMinutes(5));
            await Eventually.GetAsync(async () => await OpenAsync("fast") ? null : "closed", TimeSpan.FromSeconds(30),
                "a look five minutes later to close it");
        }
        finally
        {
            await rig.Watch.StopAsync(CancellationToken.None);
        }
    }

    private static async Task Retried(BurnWatch watch)
    {
        // Two SQLite writers at once: the one that finds the file locked looks again, as its next tick would.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await watch.RunOnceAsync(CancellationToken.None);
                return;
            }
            catch (Microsoft.Data.Sqlite.SqliteException) when (attempt < 5)
            {
                // Looks again.
            }
        }
    }

    private async Task<bool> OpenAsync(string rule)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.BurnAlerts.AnyAsync(a => a.Rule == rule && a.ClosedAt == null);
    }
}
