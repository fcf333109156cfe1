using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>Pruning on a real store; run once per provider.</summary>
[Trait("Ring", "Integration")]
public abstract class RetentionTests(ITestStore store) : IDisposable
{
    private const long Day = 86_400_000L;
    private readonly ITestStore _database = store;

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task PruningDropsEachKindPastItsRetentionInSmallBatchesAndKeepsTheRest()
    {
        var contexts = await _database.MigrateAsync();
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        var nowMs = now.ToUnixTimeMilliseconds();
        // One GET result every 2 hours for 100 days, oldest first.
        var ages = Enumerable.Range(0, 1_200).Select(i => (100 * Day) - (i * 2 * 3_600_000L)).ToList();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await Results.StoreAsync(db,
                ages.Select(age => new ProbeResult("main", CheckType.Get, Outcome.Up, 100, nowMs - age, 200, null)));
        }

        var options = _database.Options;
        options.Retention = new RetentionOptions { RawDays = 30, MinuteDays = 7, HourDays = 90, DayDays = 95,
            BatchSize = 100 };
        await using var connections = _database.CreateConnections();
        var service = new RetentionService(connections, Microsoft.Extensions.Options.Options.Create(options), time,
            NullLogger<RetentionService>.Instance);

        var deleted = await service.PruneAsync(CancellationToken.None);

        await using var check = await contexts.CreateDbContextAsync();
        var rawAges = (await check.HealthChecks.Select(h => h.Timestamp).ToListAsync()).Select(t => nowMs - t).ToList();
        var rawCutoff = nowMs - Resolution.Hour.Floor(nowMs - (30 * Day));
        Assert.Equal(ages.Count(a => a <= rawCutoff), rawAges.Count);
        Assert.All(rawAges, a => Assert.True(a <= rawCutoff));
        Assert.All(await check.MinuteRollups.Select(r => r.Bucket).ToListAsync(), b =>
            Assert.True(b >= nowMs - (7 * Day)));
        Assert.All(await check.HourRollups.Select(r => r.Bucket).ToListAsync(), b =>
            Assert.True(b >= nowMs - (90 * Day)));
        Assert.All(await check.DayRollups.Select(r => r.Bucket).ToListAsync(), b =>
            Assert.True(b >= nowMs - (95 * Day)));
        Assert.Equal(7 * 12, await check.MinuteRollups.CountAsync());
        Assert.True(deleted > 1_000, "several batches ran");

        // What is left still answers: the last 7 days from minutes, hours and days alike.
        var week = await RollupQuery.SummarizeAsync(check.Database.GetDbConnection(), nowMs - (7 * Day), nowMs, null,
            null, options.Retention, nowMs, CancellationToken.None);
        Assert.Equal(7 * 12, Assert.Single(week).Count);
        Assert.Equal(0, await service.PruneAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(30, 7, 20, 730)]
    [InlineData(30, 7, 90, 60)]
    [InlineData(0, 7, 90, 730)]
    public async Task InconsistentRetentionIsRefusedAtStartWithAClearMessage(int raw, int minute, int hour, int day)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = Path.Combine(Path.GetTempPath(), "amohealth-tests", "never-opened.db"),
            ["Storage:Retention:RawDays"] = raw.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:Retention:MinuteDays"] = minute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:Retention:HourDays"] = hour.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:Retention:DayDays"] = day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddAmoHealthStorage();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            host.StartAsync());

        Assert.Contains("Storage:Retention", error.ToString());
    }
}
