using AmoHealth.Hosting;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>On PostgreSQL the Api logs in as a role that may only SELECT: the AppHost creates it, the Prober grants
/// it.</summary>
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
            await Results.StoreAsync(db, Enumerable.Range(0, 3)
                .Select(i =>
                new ProbeResult("acme", CheckType.Get, Outcome.Up, 100, 1_800_000_000_000 + i, 200, null)));
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
            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege,
                $"{write}: {error.SqlState} {error.MessageText}");
        }
    }

    [Fact]
    public async Task ATableALaterMigrationCreatesIsReadableByTheApisRole()
    {
        var writer = await MigrateAsProberAsync();
        await using (var db = await writer.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TABLE later_table (id int); INSERT INTO later_table VALUES (7);");
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

    [Fact]
    public async Task TheInstallScriptGivesTheApiTheReadRolesLoginAndTheProberTheSettingThatGrantsIt()
    {
        var etc = Directory.CreateTempSubdirectory("amohealth-etc-").FullName;
        try
        {
            // As an operator configures it: both services on the owner's connection string.
            var owner = _store.ConnectionString;
            await File.WriteAllTextAsync(Path.Combine(etc, "common.env"), "Storage__Provider=postgres\n");
            await File.WriteAllTextAsync(Path.Combine(etc, "prober.env"), $"ConnectionStrings__amohealth={owner}\n");
            await File.WriteAllTextAsync(Path.Combine(etc, "api.env"),
                $"Storage__Path=/var/lib/amohealth/health_checks.db\nConnectionStrings__amohealth={owner}\n");

            var (code, output) = await RunReadRoleScriptAsync(etc);
            Assert.True(code == 0, output);
            var apiEnv = await File.ReadAllLinesAsync(Path.Combine(etc, "api.env"));
            var apiConnection = Assert.Single(apiEnv, l =>
                l.StartsWith("ConnectionStrings__amohealth=", StringComparison.Ordinal))[
                "ConnectionStrings__amohealth=".Length..];
            Assert.Contains("Storage__Path=/var/lib/amohealth/health_checks.db", apiEnv);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
                    File.GetUnixFileMode(Path.Combine(etc, "api.env")));
            }

            var api = new NpgsqlConnectionStringBuilder(apiConnection);
            Assert.Equal((LocalPostgres.ReadRole, _store.Name, PostgresServer.Shared.Port),
                (api.Username, api.Database, api.Port));
            Assert.True(api.Password is { Length: >= 32 }, "a generated password");
            Assert.Contains("Storage__ReadRole=amohealth_api",
                await File.ReadAllLinesAsync(Path.Combine(etc, "prober.env")));
            Assert.DoesNotContain(api.Password, output, StringComparison.Ordinal);

            // The migrate step runs with the setting the script wrote; the Api's new login reads and cannot write.
            var prober = _store.Options;
            prober.ReadRole = LocalPostgres.ReadRole;
            await ITestStore.MigrateAsync(prober);
            await using var db = new StorageContextFactory(
                new() { Provider = StorageProvider.Postgres, PostgresConnectionString = apiConnection })
                .CreateDbContext();
            Assert.Equal(0, await db.HealthChecks.CountAsync());
            var error = await Assert.ThrowsAsync<PostgresException>(() =>
                db.Database.ExecuteSqlRawAsync("DELETE FROM health_checks"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);

            // Run again (every upgrade does): nothing changes.
            Assert.Equal(0, (await RunReadRoleScriptAsync(etc)).ExitCode);
            Assert.Equal(apiEnv, await File.ReadAllLinesAsync(Path.Combine(etc, "api.env")));
        }
        finally
        {
            Directory.Delete(etc, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunReadRoleScriptAsync(string etc)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash",
            [Path.Combine(BrowserFixture.RepositoryRoot(), "deploy", "pg-read-role.sh"), etc])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
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
