using AmoHealth.AppHost.Postgres;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>On PostgreSQL the Api logs in as a role that may only SELECT: the AppHost creates it, the Prober grants it.</summary>
[Trait("Ring", "Integration")]
public sealed class PostgresReadRoleTests : IDisposable
{
    private readonly TempPostgresDatabase _store = new();

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _store.Dispose();
    }

    [Fact]
    public async Task TheApisRoleReadsEveryTableAndCannotWriteEvenOutsideAReadOnlyTransaction()
    {
        var writer = await MigrateAsProberAsync();
        await using (var db = await writer.CreateDbContextAsync())
        {
            await Results.StoreAsync(db, Enumerable.Range(0, 3).Select(i => new ProbeResult("acme", CheckType.Get, Outcome.Up, 100, 1_800_000_000_000 + i, 200, null)));
        }

        await using var api = new StorageContextFactory(ApiOptions()).CreateDbContext();

        Assert.Equal(3, await api.HealthChecks.CountAsync());
        Assert.Empty(await api.Database.GetPendingMigrationsAsync());
        // The session's read-only default is lifted first: only the role's privileges stand in the way.
        await api.Database.OpenConnectionAsync();
        await api.Database.ExecuteSqlRawAsync("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
        foreach (var write in new[]
        {
            "INSERT INTO probe_state (account, key, value) VALUES ('x', 'y', 'z')",
            "DELETE FROM health_checks",
            "UPDATE probe_state SET value = value",
            "CREATE TABLE intruder (id int)",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => api.Database.ExecuteSqlRawAsync(write));
            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{write}: {error.SqlState} {error.MessageText}");
        }
    }

    [Fact]
    public async Task ATableALaterMigrationCreatesIsReadableByTheApisRole()
    {
        var writer = await MigrateAsProberAsync();
        await using (var db = await writer.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE later_table (id int); INSERT INTO later_table VALUES (7);");
        }

        await using var api = new StorageContextFactory(ApiOptions()).CreateDbContext();

        Assert.Equal(7, await api.Database.SqlQueryRaw<int>("SELECT id AS \"Value\" FROM later_table").SingleAsync());
    }

    [Fact]
    public async Task AReadRoleTheServerDoesNotHaveStopsTheProberNamingTheSetting()
    {
        var options = _store.Options;
        options.ReadRole = "amohealth_no_such_role";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ITestStore.MigrateAsync(options));

        Assert.Contains("Storage:ReadRole", error.Message, StringComparison.Ordinal);
    }

    private async Task<IDbContextFactory<AmoHealthDbContext>> MigrateAsProberAsync()
    {
        await using (var superuser = new NpgsqlConnection(PostgresServer.Shared.ConnectionString("postgres")))
        {
            await superuser.OpenAsync();
            await LocalPostgres.EnsureReadRoleAsync(superuser, CancellationToken.None);
        }

        var options = _store.Options;
        options.ReadRole = LocalPostgres.ReadRole;
        return await ITestStore.MigrateAsync(options);
    }

    private StorageOptions ApiOptions() => new()
    {
        Provider = StorageProvider.Postgres,
        PostgresConnectionString = LocalPostgres.ReadConnectionString(PostgresServer.Shared.Port, _store.Name),
        ReadOnly = true,
    };
}
