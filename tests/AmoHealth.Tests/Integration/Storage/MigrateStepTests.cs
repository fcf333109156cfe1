using System.Net;
using AmoHealth.Core.Storage;
using AmoHealth.Migrator;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>Migrations are a step of their own (AmoHealth.Migrator, systemd's amohealth-migrate unit, the AppHost's
/// first resource): it applies the schema and exits, and the Prober never migrates; a Prober that meets an unmigrated
/// store waits.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class MigrateStepTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AProberOnAnUnmigratedStoreWaitsNotReadyProbingNothingAndProbesOnceTheMigratorHasRun()
    {
        await using var simulator = SimulatorHost.With();
        using var control = simulator.CreateAmoClient();
        var logger = new RecordingLogger<DatabaseInitializer>();
        await using var prober = ProberHost.For(
            simulator, _database, new() { ["CHECK_INTERVAL"] = "2000" }, s =>
                s.AddSingleton<ILogger<DatabaseInitializer>>(logger), migrate: false);
        using var client = prober.CreateClient();

        // Started, alive, not ready, and it says what to run; nothing reached the account.
        Assert.Equal(1, logger.Count("AmoHealth.Migrator"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal("[]", await control.GetStringAsync("/__sim/requests"));

        var output = new StringWriter();
        Assert.Equal(0,
            await MigratorCommand.RunAsync([$"--Storage:Path={_database.Path}"], output, CancellationToken.None));

        await Eventually.GetAsync(async () =>
        {
            await using var db = await _database.CreateFactory().CreateDbContextAsync();
            return await db.HealthChecks.AnyAsync() ? "stored" : null;
        }, Wait, "a probe result once the Migrator has run");
        await Eventually.GetAsync(async () => (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK
            ? "ready" : null, Wait, "the Prober to be ready");
        Assert.Equal(1, logger.Count("AmoHealth.Migrator"));
    }

    [Fact]
    public async Task TheMigratorAppliesEveryMigrationInWalModeSaysSoAndExitsZero()
    {
        var output = new StringWriter();

        var exit = await MigratorCommand.RunAsync(["migrate", $"--Storage:Path={_database.Path}"], output,
            CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains($"SQLite {_database.Path}: the schema is current.", output.ToString());
        await using var connections = ((ITestStore)_database).CreateConnections();
        Assert.True(await new SchemaState(connections).IsReadyAsync(CancellationToken.None));
        await using var connection = new SqliteConnection(_database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var mode = connection.Command("PRAGMA journal_mode");
        Assert.Equal("wal", await mode.ExecuteScalarAsync());

        // A second run finds nothing to do and says the same.
        Assert.Equal(0,
            await MigratorCommand.RunAsync([$"--Storage:Path={_database.Path}"], new StringWriter(),
            CancellationToken.None));
    }

    [Fact]
    public async Task BadConfigurationIsOneLineNamingTheKeyAndANonZeroExit()
    {
        var output = new StringWriter();

        var exit = await MigratorCommand.RunAsync(["--Storage:Provider=postgres"], output, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("ConnectionStrings:amohealth", output.ToString());
        Assert.Single(output.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task AnUnreachableDatabaseFailsWithOneLineThatNeverShowsThePassword()
    {
        const string Password = "s3cret-never-printed";
        var output = new StringWriter();
        var connection =
            $"Host=127.0.0.1;Port={RedisServer.FreePort()};Database=amohealth;Username=amohealth;"
            + $"Password={Password};Timeout=3";

        var exit = await MigratorCommand.RunAsync(
            ["--Storage:Provider=postgres", $"--ConnectionStrings:amohealth={connection}"], output,
                CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("PostgreSQL 127.0.0.1/amohealth", output.ToString());
        Assert.DoesNotContain(Password, output.ToString());
        Assert.Single(output.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task AnUnknownCommandIsRefusedWithTheUsage()
    {
        var output = new StringWriter();

        Assert.Equal(2, await MigratorCommand.RunAsync(["migrat"], output, CancellationToken.None));
        Assert.Contains("copy-from-sqlite", output.ToString());
    }
}
