using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AmoHealth.Tests.Integration.Storage;

[Trait("Ring", "Integration")]
public sealed class RollupTests : IDisposable
{
    private static readonly long Start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly string[] Checks = [CheckType.Get, CheckType.Post, CheckType.Web];
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

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
    public async Task RollupsOverAnyWindowMatchABruteForceComputationOnRandomData()
    {
        var contexts = await _database.MigrateAsync();
        var random = new Random(11);
        var results = RandomResults(random, days: 9);
        await StoreShuffledInBatchesAsync(contexts, results, random);
        var retention = new RetentionOptions();
        var now = results.Max(r => r.Timestamp) + 60_000;

        await using var db = await contexts.CreateDbContextAsync();
        for (var trial = 0; trial < 40; trial++)
        {
            // Minute-aligned windows of random length, some reaching past the minute rollups' retention.
            var to = Resolution.Minute.Floor(now - random.NextInt64(0, 3L * 86_400_000));
            var from = Resolution.Minute.Floor(to - random.NextInt64(60_000, 8L * 86_400_000));
            var covered = RollupQuery.Cover(from, to, retention, now);
            var coveredFrom = covered.Min(s => s.From);
            var coveredTo = covered.Max(s => s.To);
            var series = await RollupQuery.SummarizeAsync(db, from, to, null, null, retention, now, CancellationToken.None);

            foreach (var check in Checks)
            {
                var raw = results.Where(r => r.CheckType == check && r.Timestamp >= coveredFrom && r.Timestamp < coveredTo).ToList();
                var summary = series.SingleOrDefault(s => s.CheckType == check);
                Assert.Equal(raw.Count, summary?.Count ?? 0);
                if (summary is null)
                {
                    continue;
                }

                var times = raw.Where(r => r.ResponseTimeMs is not null).Select(r => r.ResponseTimeMs!.Value).Order().ToList();
                Assert.Equal(raw.Count(r => r.Outcome == Outcome.Up), summary.UpCount);
                Assert.Equal(times.Count, summary.TimedCount);
                Assert.Equal(times.Sum(t => (long)t), summary.SumMs);
                Assert.Equal(times.FirstOrDefault(), summary.MinMs ?? 0);
                Assert.Equal(times.LastOrDefault(), summary.MaxMs ?? 0);
                foreach (var p in new[] { 50.0, 95, 99 })
                {
                    var exact = times[Math.Max(0, (int)Math.Ceiling(p / 100 * times.Count) - 1)];
                    Assert.InRange(summary.Percentile(p)!.Value, Lower(exact), Upper(exact));
                }
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
                Assert.True(s.Resolution != Resolution.Minute || s.From >= retention.KeptFrom(Resolution.Minute, now) - 60_000);
            });
            Assert.True(segments.Count <= 5);
        }
    }

    [Fact]
    public async Task RawRowsAreFoundByIdRangeExactlyEvenWhenWrittenOutOfOrder()
    {
        var contexts = await _database.MigrateAsync();
        var random = new Random(5);
        var results = RandomResults(random, days: 2);
        await StoreShuffledInBatchesAsync(contexts, results, random);

        await using var db = await contexts.CreateDbContextAsync();
        for (var trial = 0; trial < 30; trial++)
        {
            var from = Start + random.NextInt64(0, 2L * 86_400_000);
            var to = from + random.NextInt64(1, 6L * 3_600_000);
            var found = await (await RollupQuery.RawAsync(db, from, to, null, CheckType.Get, CancellationToken.None)).CountAsync();
            Assert.Equal(results.Count(r => r.CheckType == CheckType.Get && r.Timestamp >= from && r.Timestamp < to), found);
        }
    }

    [Fact]
    public async Task RebuildingFromRawRowsGivesTheSameRollupsAsMaintainingThem()
    {
        var contexts = await _database.MigrateAsync();
        var random = new Random(9);
        await StoreShuffledInBatchesAsync(contexts, RandomResults(random, days: 3), random);
        var before = await SnapshotAsync(contexts);

        await using (var db = await contexts.CreateDbContextAsync())
        {
            await RollupMaintainer.RebuildAsync(db, CancellationToken.None);
        }

        Assert.Equal(before, await SnapshotAsync(contexts));
    }

    [Fact]
    public async Task UpgradingADatabaseFromBeforeRollupsComputesThemAndKeepsEveryResult()
    {
        var factory = _database.CreateFactory();
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

        await _database.MigrateAsync();

        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(3, await check.HealthChecks.CountAsync());
        Assert.Equal("2026-09-21 14:13:20", (await check.HealthChecks.OrderBy(h => h.Id).FirstAsync()).CreatedAt);
        var get = await check.HourRollups.SingleAsync(r => r.CheckType == CheckType.Get);
        Assert.Equal((2, 1, 120, 120), (get.Count, get.UpCount, get.MinMs!.Value, get.MaxMs!.Value));
        Assert.Equal(3, await check.DayRollups.SumAsync(r => r.Count));
        Assert.True(await RollupMaintainer.IsCurrentAsync(check, CancellationToken.None));
    }

    [Fact]
    public async Task ResultsTableHasNoSecondaryIndex()
    {
        await _database.MigrateAsync();
        await using var connection = new SqliteConnection($"Data Source={_database.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'health_checks';";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    internal static List<ProbeResult> RandomResults(Random random, int days)
    {
        var results = new List<ProbeResult>();
        for (var t = Start; t < Start + (days * 86_400_000L); t += 30_000)
        {
            foreach (var check in Checks)
            {
                var outcome = random.Next(50) == 0 ? Outcome.Down : random.Next(30) == 0 ? Outcome.Down : Outcome.Up;
                int? time = outcome == Outcome.Down ? null : Latency(random);
                results.Add(new ProbeResult("main", check, outcome, time, t + random.Next(0, 2_000), 200, null));
            }
        }

        return results;
    }

    /// <summary>Stores in batches of random size, each batch shuffled, so ids are only roughly in time order.</summary>
    private static async Task StoreShuffledInBatchesAsync(IDbContextFactory<AmoHealthDbContext> contexts, List<ProbeResult> results, Random random)
    {
        for (var i = 0; i < results.Count;)
        {
            var size = random.Next(1, 600);
            var batch = results.Skip(i).Take(size).OrderBy(_ => random.Next()).ToList();
            await using var db = await contexts.CreateDbContextAsync();
            await Results.StoreAsync(db, batch);
            i += size;
        }
    }

    private static async Task<List<string>> SnapshotAsync(IDbContextFactory<AmoHealthDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rows = new List<string>();
        foreach (var resolution in Resolutions.All)
        {
            rows.AddRange((await db.Query(resolution).AsNoTracking().ToListAsync())
                .Select(r => $"{resolution} {r.Account} {r.CheckType} {r.Bucket} {r.Count} {r.UpCount} {r.TimedCount} {r.SumMs} {r.MinMs} {r.MaxMs} " +
                             $"{r.FirstId} {r.LastId} {LatencyHistogram.FromBytes(r.Histogram).Percentile(50)} {LatencyHistogram.FromBytes(r.Histogram).Count}"));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    /// <summary>A long-tailed latency: mostly 80–600 ms, sometimes seconds.</summary>
    private static int Latency(Random random) => random.Next(20) == 0 ? random.Next(1_000, 30_000) : random.Next(80, 600);

    private static int Lower(int exact) => (int)Math.Floor(exact * (1 - LatencyHistogram.RelativeAccuracy)) - 1;

    private static int Upper(int exact) => (int)Math.Ceiling(exact * (1 + LatencyHistogram.RelativeAccuracy)) + 1;
}
