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
            db.CheckStatuses.Add(
                new CheckStatusRecord { Account = "main", CheckType = "GET", Status = "up",
                Outcome = AmoHealth.Core.Checks.Outcome.Up, ResponseTime = 10, LastCheck = 1 });
            await db.SaveChangesAsync();
        }

        await Eventually.GetAsync(async () =>
        {
            using var status = await client.GetAsync("/api/status");
            var text = await status.Content.ReadAsStringAsync();
            return status.StatusCode == HttpStatusCode.OK
                && text.Contains("\"checkType\":\"GET\"", StringComparison.Ordinal) ? text : null;
        }, TimeSpan.FromSeconds(20), "the Prober's row through the Api");

        // The Api's own connections: SQLite refuses any write on them.
        var connections = api.Services.GetRequiredService<StoreConnections>();
        await using var own = await connections.OpenAsync(CancellationToken.None);
        await using var insert = own.Command(
            "INSERT INTO check_status (account, check_type, status, outcome, response_time, last_check, state, " +
                "streak) VALUES ('main', 'POST', 'up', 'up', 10, 2, 'up', 0)");
        var refused = await Assert.ThrowsAsync<SqliteException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(8, refused.SqliteErrorCode); // SQLITE_READONLY
        await using var delete = own.Command("DELETE FROM health_checks");
        await Assert.ThrowsAsync<SqliteException>(() => delete.ExecuteNonQueryAsync());
    }
}
