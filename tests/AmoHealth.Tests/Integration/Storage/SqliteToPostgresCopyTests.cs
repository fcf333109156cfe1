using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Migrator;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>The README's command that moves a SQLite history into PostgreSQL.</summary>
[Trait("Ring", "Integration")]
public sealed class SqliteToPostgresCopyTests : IDisposable
{
    private readonly TempDatabase _sqlite = new();
    private readonly TempPostgresDatabase _postgres = new();

    public void Dispose()
    {
        _sqlite.Dispose();
        _postgres.Dispose();
    }

    [Fact]
    public async Task EveryTableArrivesWithItsIdsAndRollupsAndNewRowsContinueAfterThem()
    {
        var source = await _sqlite.MigrateAsync();
        var random = new Random(21);
        await using (var db = await source.CreateDbContextAsync())
        {
            await Results.StoreAsync(db, RollupTests.RandomResults(random, days: 2));
            await Results.StoreAsync(db,
            [
                new ProbeResult("main", CheckType.Web, Outcome.Down, 3, RollupTests.Start + 7, null, "DNS")
                {
                    Kind = FailureKind.Dns,
                },
            ]);
            var incident = new IncidentRecord { Account = "main", CheckType = CheckType.Get, Kind = Outcome.Down,
                StartTime = 1_000, Details = "HTTP 503" };
            db.Incidents.Add(incident);
            await db.SaveChangesAsync();
            db.Notifications.Add(
                new NotificationRecord { Account = "main", CheckType = CheckType.Get, IncidentId = incident.Id,
                Kind = NotificationKinds.Down, Text = "🔴 GET", CreatedAt = 1_000 });
            db.CheckStatuses.Add(new CheckStatusRecord
            {
                Account = "main", CheckType = CheckType.Get, Status = "down", Outcome = Outcome.Down, LastCheck = 1_000,
                IncidentId = incident.Id, StoredKind = FailureKind.Timeout,
            });
            await db.SaveChangesAsync();
        }

        var output = new StringWriter();
        var exit = await SqliteToPostgresCopy.RunAsync(_sqlite.Path, _postgres.ConnectionString, output,
            CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        var target = ((ITestStore)_postgres).CreateFactory();
        await using var from = await source.CreateDbContextAsync();
        await using var to = await target.CreateDbContextAsync();
        Assert.Equal(
            await from.HealthChecks.OrderBy(h => h.Id)
                .Select(h => new { h.Id, h.Timestamp, h.Outcome, h.ResponseTime, h.StoredKind }).ToListAsync(),
            await to.HealthChecks.OrderBy(h => h.Id)
                .Select(h => new { h.Id, h.Timestamp, h.Outcome, h.ResponseTime, h.StoredKind }).ToListAsync());
        Assert.Equal(FailureKind.Dns, (await to.HealthChecks.SingleAsync(h => h.StoredKind != null)).StoredKind);
        Assert.Equal(FailureKind.Timeout, (await to.CheckStatuses.SingleAsync()).StoredKind);
        foreach (var resolution in Resolutions.All)
        {
            Assert.Equal(await from.Query(resolution).CountAsync(), await to.Query(resolution).CountAsync());
        }

        var window = await RollupQuery.SummarizeAsync(to.Database.GetDbConnection(), RollupTests.Start,
            RollupTests.Start + 86_400_000, null, null, new RetentionOptions(), RollupTests.Start + (2 * 86_400_000L),
            CancellationToken.None);
        var expected = await RollupQuery.SummarizeAsync(from.Database.GetDbConnection(), RollupTests.Start,
            RollupTests.Start + 86_400_000, null, null, new RetentionOptions(), RollupTests.Start + (2 * 86_400_000L),
            CancellationToken.None);
        Assert.Equal(expected.Select(s => (s.CheckType, s.Count, s.UpCount, s.Percentile(95)))
            .OrderBy(s => s.CheckType),
            window.Select(s => (s.CheckType, s.Count, s.UpCount, s.Percentile(95))).OrderBy(s => s.CheckType));
        var notification = await to.Notifications.Include(n => n.Incident).SingleAsync();
        Assert.Equal("HTTP 503", notification.Incident!.Details);
        Assert.True(await RollupMaintainer.IsCurrentAsync(to, CancellationToken.None));

        // The Prober goes on writing on PostgreSQL: new ids follow the copied ones.
        var last = await to.HealthChecks.MaxAsync(h => h.Id);
        await Results.StoreAsync(to,
            [new ProbeResult("main", CheckType.Get, Outcome.Up, 80, 9_000_000_000_000, 200, null)]);
        Assert.Equal(last + 1, await to.HealthChecks.MaxAsync(h => h.Id));
    }

    [Fact]
    public async Task ADatabaseThatAlreadyHoldsHistoryIsRefusedAndKeptAsItWas()
    {
        await _sqlite.MigrateAsync();
        var target = await ((ITestStore)_postgres).MigrateAsync();
        await using (var db = await target.CreateDbContextAsync())
        {
            await Results.StoreAsync(db, [new ProbeResult("main", CheckType.Get, Outcome.Up, 80, 1_000, 200, null)]);
        }

        var output = new StringWriter();
        var exit = await SqliteToPostgresCopy.RunAsync(_sqlite.Path, _postgres.ConnectionString, output,
            CancellationToken.None);

        Assert.Equal(3, exit);
        Assert.Contains("already holds history", output.ToString());
        await using var check = await target.CreateDbContextAsync();
        Assert.Equal(1, await check.HealthChecks.CountAsync());
    }
}
