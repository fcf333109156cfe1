using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>A clock far ahead of the stored history (a bad RTC, a mistyped date) must not wipe that history.</summary>
[Trait("Ring", "Integration")]
public sealed class RetentionClockGuardTests : IDisposable
{
    private const long Day = 86_400_000L;
    private static readonly DateTimeOffset Newest = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AClockMoreThanADayPastTheNewestResultDeletesNothingAndSaysWhy()
    {
        var contexts = await StoreHistoryAsync();
        var time = new FakeTimeProvider(Newest.AddDays(400));
        var logger = new RecordingLogger<RetentionService>();
        await using var connections = ((ITestStore)_database).CreateConnections();
        var service = new RetentionService(connections, Microsoft.Extensions.Options.Options.Create(_database.Options),
            time, logger);

        var deleted = await service.PruneAsync(CancellationToken.None);

        await using var check = await contexts.CreateDbContextAsync();
        Assert.Equal(0, deleted);
        Assert.Equal(60, await check.HealthChecks.CountAsync());
        Assert.NotEqual(0, await check.HourRollups.CountAsync());
        Assert.Equal(1, logger.Count("Retention skipped"));
    }

    [Fact]
    public async Task AResultStoredAfterTheClockJumpedDoesNotUnlockTheWipe()
    {
        var contexts = await StoreHistoryAsync();
        var jumped = Newest.AddDays(400);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await Results.StoreAsync(db,
                [new ProbeResult("main", CheckType.Get, Outcome.Up, 100, jumped.ToUnixTimeMilliseconds(), 200, null)]);
        }

        var logger = new RecordingLogger<RetentionService>();
        await using var connections = ((ITestStore)_database).CreateConnections();
        var service = new RetentionService(connections, Microsoft.Extensions.Options.Options.Create(_database.Options),
            new FakeTimeProvider(jumped.AddMinutes(10)), logger);

        var deleted = await service.PruneAsync(CancellationToken.None);

        await using var check = await contexts.CreateDbContextAsync();
        Assert.Equal(0, deleted);
        Assert.Equal(61, await check.HealthChecks.CountAsync());
        Assert.Equal(1, logger.Count("Retention skipped"));
    }

    [Fact]
    public async Task AClockWithinADayOfTheNewestResultPrunesAsUsual()
    {
        var contexts = await StoreHistoryAsync();
        var time = new FakeTimeProvider(Newest.AddHours(20));
        var logger = new RecordingLogger<RetentionService>();
        await using var connections = ((ITestStore)_database).CreateConnections();
        var service = new RetentionService(connections, Microsoft.Extensions.Options.Options.Create(_database.Options),
            time, logger);

        var deleted = await service.PruneAsync(CancellationToken.None);

        await using var check = await contexts.CreateDbContextAsync();
        Assert.True(deleted > 0, "results past 30 days are deleted");
        Assert.Equal(0, logger.Count("Retention skipped"));
        Assert.All(await check.HealthChecks.Select(h => h.Timestamp).ToListAsync(),
            t => Assert.True(t >= Newest.AddDays(-31).ToUnixTimeMilliseconds()));
    }

    /// <summary>One GET result a day for 60 days, the newest at <see cref="Newest"/>.</summary>
    private async Task<Microsoft.EntityFrameworkCore.IDbContextFactory<AmoHealthDbContext>> StoreHistoryAsync()
    {
        var contexts = await _database.MigrateAsync();
        var newest = Newest.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync();
        await Results.StoreAsync(db, Enumerable.Range(0, 60).Reverse()
            .Select(i => new ProbeResult("main", CheckType.Get, Outcome.Up, 100, newest - (i * Day), 200, null)));
        return contexts;
    }
}
