using System.Net;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>The Api reads the database and can write nothing to it: SQLite itself refuses.</summary>
[Trait("Ring", "Integration")]
public sealed class ReadOnlyStorageTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task TheApiReadsWhileTheProberWritesButItsOwnWritesAreRefused()
    {
        var writer = await _database.MigrateAsync();
        await using var api = new ApiHost(_database.Path, redis: null);
        using var client = api.CreateClient();
        // The Prober's writes are visible to the Api (WAL: readers and the writer at once).
        await using (var db = await writer.CreateDbContextAsync())
        {
            db.CheckStatuses.Add(new CheckStatusRecord { Account = "main", CheckType = "GET", Status = "up", Outcome = AmoHealth.Core.Checks.Outcome.Up, ResponseTime = 10, LastCheck = 1 });
            await db.SaveChangesAsync();
        }

        await Eventually.GetAsync(async () =>
        {
            using var status = await client.GetAsync("/api/status");
            var text = await status.Content.ReadAsStringAsync();
            return status.StatusCode == HttpStatusCode.OK && text.Contains("\"checkType\":\"GET\"", StringComparison.Ordinal) ? text : null;
        }, TimeSpan.FromSeconds(20), "the Prober's row through the Api");

        var contexts = api.Services.GetRequiredService<IDbContextFactory<AmoHealthDbContext>>();
        await using var own = await contexts.CreateDbContextAsync();
        own.CheckStatuses.Add(new CheckStatusRecord { Account = "main", CheckType = "POST", Status = "up", Outcome = AmoHealth.Core.Checks.Outcome.Up, ResponseTime = 10, LastCheck = 2 });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => own.SaveChangesAsync());
        var sqlite = Assert.IsType<SqliteException>(refused.InnerException);
        Assert.Equal(8, sqlite.SqliteErrorCode); // SQLITE_READONLY
        await Assert.ThrowsAsync<SqliteException>(() => own.Database.ExecuteSqlRawAsync("DELETE FROM health_checks"));
    }
}
