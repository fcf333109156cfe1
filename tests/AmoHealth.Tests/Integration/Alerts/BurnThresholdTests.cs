using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>The burn-rate rules fire at the documented points for 30-second probes (two results a minute; a minute is
/// bad with one down verdict), on synthetic histories written through the real store and read from its rollups.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class BurnThresholdTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
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

    [Theory]
    // Target 99 %: fast (14.4× over 1 h and 5 min) needs 9 bad minutes of 60 (15×; 8 is 13.3×) and 1 of 5 (20×).
    [InlineData(99.0, "fast", 60, 9, 5, 1, true)]
    [InlineData(99.0, "fast", 60, 8, 5, 1, false)]
    [InlineData(99.0, "fast", 60, 9, 5, 0, false)]
    // Slow (6× over 6 h and 30 min): 22 of 360 (6.1×; 21 is 5.8×) and 2 of 30 (6.7×; 1 is 3.3×).
    [InlineData(99.0, "slow", 360, 22, 30, 2, true)]
    [InlineData(99.0, "slow", 360, 21, 30, 2, false)]
    [InlineData(99.0, "slow", 360, 22, 30, 1, false)]
    // Ticket (1× over 3 days and 6 h): 44 of 4,320 (1.02×; 43 is 0.995×) and 4 of 360 (1.1×; 3 is 0.83×).
    [InlineData(99.0, "ticket", 4320, 44, 360, 4, true)]
    [InlineData(99.0, "ticket", 4320, 43, 360, 4, false)]
    [InlineData(99.0, "ticket", 4320, 44, 360, 3, false)]
    // Target 99.9 %: one bad minute of 60 (16.7×) that is in the last 5 (200×) fires fast.
    [InlineData(99.9, "fast", 60, 1, 5, 1, true)]
    [InlineData(99.9, "fast", 60, 1, 5, 0, false)]
    public async Task ARuleFiresExactlyAtItsDocumentedThreshold(
        double target, string rule, int longMinutes, int longBad, int shortMinutes, int shortBad, bool fires)
    {
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await BurnHistory.WriteAsync(db, "acme", CheckType.Get, Now, longMinutes,
                BurnHistory.Spread(longMinutes, longBad, shortMinutes, shortBad));
        }

        var rig = new BurnRig(_connections, _time, new SloOptions { Target = target });

        await rig.LookAsync();

        await using var check = await _contexts.CreateDbContextAsync();
        var open = await check.BurnAlerts.Where(a => a.Rule == rule && a.ClosedAt == null).ToListAsync();
        Assert.Equal(fires ? 1 : 0, open.Count);
        var fire = rig.Sent.Where(n => n.Kind == NotificationKinds.Burn && n.Text.Contains($"(правило {rule})"));
        Assert.Equal(fires && rule != BurnRules.Slowest.Name ? 1 : 0, fire.Count());
        if (fires)
        {
            Assert.Equal(("acme", CheckType.Get, target / 100), (open[0].Account, open[0].CheckType, open[0].Target));
            var factor = BurnRules.Find(rule)!.Factor;
            Assert.True(open[0].LongBurn >= factor && open[0].ShortBurn >= factor);
        }
    }
}
