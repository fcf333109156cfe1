using AmoHealth.Api.Slo;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>Budgets, uptime by time and burn rates from a synthetic history of 30-second probes (two results a minute)
/// with known bad, good, throttled and maintenance minutes, on a real SQLite store.</summary>
[Trait("Ring", "Integration")]
public sealed class SloReaderTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDatabase _database = new();
    private StoreConnections? _connections;

    public async ValueTask DisposeAsync()
    {
        if (_connections is not null)
        {
            await _connections.DisposeAsync();
        }

        _database.Dispose();
    }

    [Fact]
    public async Task TheBudgetCountsTheWindowsMinutesAndBurnRatesTheBadShareOfJudgedOnes()
    {
        var reader = await SeedAsync();

        var slos = await reader.ReadAsync(null, null, CancellationToken.None);

        Assert.Equal(["acme GET", "beta GET"], slos.Select(s => $"{s.Account} {s.CheckType}"));
        var acme = slos[0];
        // 30 days: 410 good, 6 bad (4 in the last 6 h, 2 four days ago), 2 throttled, 2 in maintenance.
        Assert.Equal((99.9, 30, 410, 6, 2, 2), (acme.Target, acme.WindowDays, acme.GoodMinutes, acme.BadMinutes,
            acme.ExcludedMinutes, acme.MaintenanceMinutes));
        Assert.Equal(Math.Round(410.0 / 416, 6), acme.Uptime);
        // 0.1 % of the window's 43,200 minutes less 2 throttled and 2 in maintenance is 43.196 minutes allowed; 6
        // spent leave 37.196, 86.11 %.
        Assert.Equal((43.2, 37.2, 86.11, true),
            (acme.BudgetMinutes, acme.BudgetLeftMinutes, acme.BudgetLeftPercent, acme.Met));
        // 5m: 1 bad of 5 = 200×; 30m: 2 of 29 judged; 1h: 3 of 58; 6h and 3d: 4 of 356.
        Assert.Equal(
            [("5m", 200.0), ("30m", Math.Round(2 / 0.029, 3)), ("1h", Math.Round(3 / 0.058, 3)),
                ("6h", Math.Round(4 / 0.356, 3)), ("3d", Math.Round(4 / 0.356, 3))],
            acme.BurnRates.Select(b => (b.Window, b.Rate)));
        var alert = Assert.Single(acme.Alerts);
        Assert.Equal(("fast", "page", 14.4, 99.9), (alert.Rule, alert.Severity, alert.Factor, alert.Target));

        var beta = slos[1];
        // Target 99 % for beta: the window allows 432 bad minutes; 1 spent leaves 431, 99.77 %.
        Assert.Equal((99.0, 199, 1, 0.995), (beta.Target, beta.GoodMinutes, beta.BadMinutes, beta.Uptime));
        Assert.Equal((432.0, 431.0, 99.77, true),
            (beta.BudgetMinutes, beta.BudgetLeftMinutes, beta.BudgetLeftPercent, beta.Met));
        Assert.Equal([0, 0, 0, 0.5, 0.5], beta.BurnRates.Select(b => b.Rate));
        Assert.Empty(beta.Alerts);
    }

    [Fact]
    public async Task AnAccountOrACheckNarrowsTheAnswerAndAnUnknownAccountHasNone()
    {
        var reader = await SeedAsync();

        var beta = await reader.ReadAsync("beta", null, CancellationToken.None);
        var post = await reader.ReadAsync(null, CheckType.Post, CancellationToken.None);
        var nobody = await reader.ReadAsync("nobody", null, CancellationToken.None);

        Assert.Equal("beta", Assert.Single(beta).Account);
        Assert.Empty(post);
        Assert.Empty(nobody);
    }

    /// <summary>acme GET over the last 6 hours (minute m is m minutes before now): bad m = 3, 20, 45, 200 (one down
    /// of two results), throttled m = 10, 100, in maintenance m = 50, 300 (down, but inside a window), the rest good;
    /// and 60 minutes four days ago with 2 bad. beta GET: 200 minutes, m = 150 bad. One open and one closed alert for
    /// acme.</summary>
    private async Task<SloReader> SeedAsync()
    {
        var contexts = await _database.MigrateAsync();
        var acme = new List<(HealthCheckRecord Row, bool Maintenance)>();
        for (var m = 1; m <= 360; m++)
        {
            var outcome = m is 3 or 20 or 45 or 200 or 50 or 300 ? Outcome.Down
                : m is 10 or 100 ? Outcome.Throttled : Outcome.Up;
            acme.AddRange(Minute("acme", m, outcome, maintenance: m is 50 or 300));
        }

        for (var m = 5_760; m < 5_820; m++)
        {
            acme.AddRange(Minute("acme", m, m is 5_770 or 5_800 ? Outcome.Down : Outcome.Up, maintenance: false));
        }

        var beta = Enumerable.Range(1, 200)
            .SelectMany(m => Minute("beta", m, m == 150 ? Outcome.Down : Outcome.Up, maintenance: false));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await StoreAsync(db, [.. acme, .. beta]);
            db.BurnAlerts.Add(Alert("fast", closedAt: null));
            db.BurnAlerts.Add(Alert("slow", closedAt: Now.AddMinutes(-5).ToUnixTimeMilliseconds()));
            await db.SaveChangesAsync();
        }

        var connections = _connections = new StoreConnections(_database.Options);
        var slo = new SloOptions();
        slo.Accounts["beta"] = new SloAccountOverride { Target = 99 };
        return new SloReader(connections, Options.Create(_database.Options), Options.Create(slo),
            new BurnAlertReader(connections), new FakeTimeProvider(Now));
    }

    /// <summary>Two results 30 s apart; a down minute keeps one up result (one down verdict is enough).</summary>
    private static IEnumerable<(HealthCheckRecord, bool)> Minute(
        string account, int minutesAgo, Outcome outcome, bool maintenance)
    {
        var start = Now.AddMinutes(-minutesAgo).ToUnixTimeMilliseconds();
        yield return (Row(account, start + 5_000, outcome), maintenance);
        yield return (Row(account, start + 35_000, outcome == Outcome.Down ? Outcome.Up : outcome), maintenance);
    }

    private static HealthCheckRecord Row(string account, long timestamp, Outcome outcome) =>
        HealthCheckRecord.From(new ProbeResult(account, CheckType.Get, outcome,
            outcome == Outcome.Up ? 120 : null, timestamp, outcome == Outcome.Throttled ? 429 : 200, null));

    /// <summary>As <see cref="Results.StoreAsync"/>, with the maintenance mark the Prober's writer sets.</summary>
    private static async Task StoreAsync(AmoHealthDbContext db, List<(HealthCheckRecord Row, bool Maintenance)> rows)
    {
        foreach (var (row, maintenance) in rows)
        {
            row.InMaintenance = maintenance ? true : null;
        }

        db.HealthChecks.AddRange(rows.Select(r => r.Row));
        await db.SaveChangesAsync();
        await RollupWriter.AddAsync(
            await db.SessionAsync(CancellationToken.None), [.. rows.Select(r => r.Row)], CancellationToken.None);
    }

    private static BurnAlertRecord Alert(string rule, long? closedAt) => new()
    {
        Account = "acme", CheckType = CheckType.Get, Rule = rule, Severity = BurnRules.Page, Target = 0.999,
        LongBurn = 16.7, ShortBurn = 200, OpenedAt = Now.AddMinutes(-50).ToUnixTimeMilliseconds(), ClosedAt = closedAt,
    };
}
