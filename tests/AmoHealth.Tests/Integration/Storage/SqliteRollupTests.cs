using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>The rollup suite on SQLite, with the tests that need no store and the upgrade from the first
/// schema.</summary>
[Trait("Ring", "Integration")]
public sealed class SqliteRollupTests() : RollupTests(new TempDatabase())
{
    private protected override string ResultIndexCountSql =>
        "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'health_checks'";

    [Fact]
    public void HistogramPercentilesAreWithinOnePercentOfExactOnRandomData()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 50; trial++)
        {
            var values = Enumerable.Range(0, random.Next(1, 3_000)).Select(_ => Latency(random)).ToList();
            var whole = new LatencyHistogram();
            var left = new LatencyHistogram();
            var right = new LatencyHistogram();
            for (var i = 0; i < values.Count; i++)
            {
                whole.Add(values[i]);
                (i % 3 == 0 ? left : right).Add(values[i]);
            }

            // Merging is exact: two halves merged, and a round trip through bytes, equal the whole.
            left.Merge(LatencyHistogram.FromBytes(right.ToBytes()));
            var sorted = values.Order().ToList();
            foreach (var p in new[] { 1.0, 50, 90, 95, 99, 100 })
            {
                var exact = sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
                Assert.Equal(whole.Percentile(p), left.Percentile(p));
                Assert.InRange(whole.Percentile(p)!.Value, Lower(exact), Upper(exact));
            }
        }
    }

    [Fact]
    public void AWindowIsCoveredByContiguousSegmentsWithoutOverlap()
    {
        var retention = new RetentionOptions();
        var random = new Random(3);
        var now = Start + (100L * 86_400_000);
        for (var trial = 0; trial < 500; trial++)
        {
            var to = now - random.NextInt64(0, 10L * 86_400_000);
            var from = to - random.NextInt64(1, 40L * 86_400_000);
            var segments = RollupQuery.Cover(from, to, retention, now).OrderBy(s => s.From).ToList();

            Assert.True(segments[0].From <= from && segments[^1].To > to);
            for (var i = 1; i < segments.Count; i++)
            {
                Assert.Equal(segments[i - 1].To, segments[i].From);
            }

            Assert.All(segments, s =>
            {
                Assert.Equal(0, s.From % s.Resolution.Milliseconds());
                Assert.Equal(0, s.To % s.Resolution.Milliseconds());
                // Never a level whose rows retention has already pruned (hours and days outlive the test's range).
                Assert.True(s.Resolution != Resolution.Minute
                    || s.From >= retention.KeptFrom(Resolution.Minute, now) - 60_000);
            });
            Assert.True(segments.Count <= 5);
        }
    }

    [Fact]
    public async Task UpgradingADatabaseFromBeforeRollupsComputesThemAndKeepsEveryResult()
    {
        var factory = Store.CreateFactory();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261128032454_InitialSchema");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO health_checks (timestamp, check_type, status, response_time, created_at, account, outcome)
                VALUES (1790000000000, 'GET', 'up', 120, 1790000000100, 'main', 'up'),
                       (1790000030000, 'GET', 'down', NULL, 1790000030100, 'main', 'down'),
                       (1790000060000, 'WEB', 'up', 300, 1790000060100, 'main', 'up');
                """);
        }

        await Store.MigrateAsync();

        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(3, await check.HealthChecks.CountAsync());
        Assert.Equal("2026-09-21 14:13:20", (await check.HealthChecks.OrderBy(h => h.Id).FirstAsync()).CreatedAt);
        var get = await check.HourRollups.SingleAsync(r => r.CheckType == CheckType.Get);
        Assert.Equal((2, 1, 120, 120), (get.Count, get.UpCount, get.MinMs!.Value, get.MaxMs!.Value));
        Assert.Equal(3, await check.DayRollups.SumAsync(r => r.Count));
        Assert.True(await RollupMaintainer.IsCurrentAsync(check, CancellationToken.None));
    }
}
