using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>The rollups on a real store; run once per provider by the classes below.</summary>
[Trait("Ring", "Integration")]
public abstract class RollupTests(ITestStore store) : IDisposable
{
    internal static readonly long Start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)
        .ToUnixTimeMilliseconds();
    private static readonly string[] Checks = [CheckType.Get, CheckType.Post, CheckType.Web];
    private protected ITestStore Store { get; } = store;

    /// <summary>How many secondary indexes <c>health_checks</c> has, as <c>"Value"</c>.</summary>
    private protected abstract string ResultIndexCountSql { get; }

    public void Dispose()
    {
        Store.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ResultsTableHasNoSecondaryIndex()
    {
        var contexts = await Store.MigrateAsync();
        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(0L, await db.Database.SqlQueryRaw<long>(ResultIndexCountSql).SingleAsync());
    }

    [Fact]
    public async Task RollupsOverAnyWindowMatchABruteForceComputationOnRandomData()
    {
        var contexts = await Store.MigrateAsync();
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
            var series = await RollupQuery.SummarizeAsync(db.Database.GetDbConnection(), from, to, null, null,
                retention, now, CancellationToken.None);

            foreach (var check in Checks)
            {
                var raw = results.Where(r => r.CheckType == check && r.Timestamp >= coveredFrom
                    && r.Timestamp < coveredTo).ToList();
                var summary = series.SingleOrDefault(s => s.CheckType == check);
                Assert.Equal(raw.Count, summary?.Count ?? 0);
                if (summary is null)
                {
                    continue;
                }

                var times = raw.Where(r => r.ResponseTimeMs is not null).Select(r => r.ResponseTimeMs!.Value).Order()
                    .ToList();
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
    public async Task RawRowsAreFoundByIdRangeExactlyEvenWhenWrittenOutOfOrder()
    {
        var contexts = await Store.MigrateAsync();
        var random = new Random(5);
        var results = RandomResults(random, days: 2);
        await StoreShuffledInBatchesAsync(contexts, results, random);

        await using var db = await contexts.CreateDbContextAsync();
        for (var trial = 0; trial < 30; trial++)
        {
            var from = Start + random.NextInt64(0, 2L * 86_400_000);
            var to = from + random.NextInt64(1, 6L * 3_600_000);
            var found = await RollupQuery.RawAsync(db.Database.GetDbConnection(), from, to, null, CheckType.Get, null,
                null, CancellationToken.None).CountAsync();
            Assert.Equal(results.Count(r => r.CheckType == CheckType.Get && r.Timestamp >= from && r.Timestamp < to),
                found);
        }
    }

    [Fact]
    public async Task RebuildingFromRawRowsGivesTheSameRollupsAsMaintainingThem()
    {
        var contexts = await Store.MigrateAsync();
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
    public async Task EachMinuteTakesItsWorstResultsClassAndHoursAndDaysSumTheirMinutes()
    {
        var contexts = await Store.MigrateAsync();
        var random = new Random(17);
        var results = RandomResults(random, days: 2)
            .Select(r => random.Next(40) == 0 ? r with { Outcome = Outcome.Throttled, ResponseTimeMs = null } : r)
            .ToList();
        await StoreShuffledInBatchesAsync(contexts, results, random);

        // By brute force: a minute with a down result is bad, else one with an up result good, else excluded.
        var minutes = results.GroupBy(r => (r.CheckType, Minute: Resolution.Minute.Floor(r.Timestamp)))
            .ToDictionary(g => g.Key, g => g.Any(r => r.Outcome == Outcome.Down) ? MinuteClass.Bad
                : g.Any(r => r.Outcome == Outcome.Up) ? MinuteClass.Good : MinuteClass.Excluded);
        Assert.Contains(MinuteClass.Excluded, minutes.Values);
        await using var db = await contexts.CreateDbContextAsync();
        foreach (var resolution in Resolutions.All)
        {
            var expected = minutes.GroupBy(m => (m.Key.CheckType, Bucket: resolution.Floor(m.Key.Minute)))
                .ToDictionary(g => g.Key, g => new MinuteTally(g.Count(m => m.Value == MinuteClass.Good),
                    g.Count(m => m.Value == MinuteClass.Bad), g.Count(m => m.Value == MinuteClass.Excluded), 0));
            var stored = await db.Query(resolution).AsNoTracking().ToListAsync();
            Assert.Equal(expected.Count, stored.Count);
            foreach (var rollup in stored)
            {
                Assert.Equal(expected[(rollup.CheckType, rollup.Bucket)], MinuteTally.Of(rollup));
            }
        }
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
    private static async Task StoreShuffledInBatchesAsync(IDbContextFactory<AmoHealthDbContext> contexts,
        List<ProbeResult> results, Random random)
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
                .Select(r =>
                    $"{resolution} {r.Account} {r.CheckType} {r.Bucket} {r.Count} {r.UpCount} {r.TimedCount} " +
                        $"{r.SumMs} {r.MinMs} {r.MaxMs} " +
                             $"{r.FirstId} {r.LastId} {LatencyHistogram.FromBytes(r.Histogram).Percentile(50)} " +
                                 $"{LatencyHistogram.FromBytes(r.Histogram).Count} {MinuteTally.Of(r)}"));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    /// <summary>A long-tailed latency: mostly 80–600 ms, sometimes seconds.</summary>
    internal static int Latency(Random random) => random.Next(20) == 0 ? random.Next(1_000, 30_000)
        : random.Next(80, 600);

    internal static int Lower(int exact) => (int)Math.Floor(exact * (1 - LatencyHistogram.RelativeAccuracy)) - 1;

    internal static int Upper(int exact) => (int)Math.Ceiling(exact * (1 + LatencyHistogram.RelativeAccuracy)) + 1;
}
