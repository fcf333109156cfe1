using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AmoHealth.Tests.Integration.Storage;

[Trait("Ring", "Integration")]
public sealed class PostgresMigrationTests
{
    [Fact]
    public async Task SeveralProbersMigrateStepsStartingAtOnceCreateTheDatabaseAndMigrateItOnce()
    {
        // A database that does not exist yet: the migrate step before every Prober races to create and migrate it.
        var name = "t_race_" + Guid.NewGuid().ToString("N")[..12];
        var options = new StorageOptions { Provider = StorageProvider.Postgres,
            PostgresConnectionString = PostgresServer.Shared.ConnectionString(name) };
        using var start = new ManualResetEventSlim();
        var migrations = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            var output = new StringWriter();
            var exit = await Migrator.MigratorCommand.RunAsync(
                ["--Storage:Provider=postgres", $"--ConnectionStrings:amohealth={options.PostgresConnectionString}"],
                    output, CancellationToken.None);
            Assert.True(exit == 0, output.ToString());
        })).ToList();
        start.Set();
        await Task.WhenAll(migrations);

        await using var db = new StorageContextFactory(options).CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.HealthChecks.CountAsync());
        // The rollup version marker is written once, not once per Prober.
        Assert.Equal(1,
            await db.ProbeStates.CountAsync(s => s.Key == Core.Storage.Rollups.RollupMaintainer.VersionKey));
        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringIsRefusedAtStartWithTheSettingToFix()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string,
            string?> { ["Storage:Provider"] = "postgres" });
        builder.AddAmoHealthStorage();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            host.StartAsync());

        Assert.Contains("ConnectionStrings:amohealth", error.Message);
    }

    [Fact]
    public async Task TheApiSessionsArePostgresReadOnly()
    {
        using var store = new TempPostgresDatabase();
        await ((ITestStore)store).MigrateAsync();
        var options = store.Options;
        options.ReadOnly = true;
        await using var db = new StorageContextFactory(options).CreateDbContext();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM health_checks"));

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
    }
}
