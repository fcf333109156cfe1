using System.Diagnostics;
using AmoHealth.Core.Checks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>deploy/restore.sh puts a backup in place of a database whose WAL still holds newer writes.</summary>
[Trait("Ring", "Integration")]
public sealed class RestoreScriptTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly string _live;

    public RestoreScriptTests()
    {
        _live = Path.Combine(_database.Directory, "live");
        Directory.CreateDirectory(_live);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ABackupRestoredOverALiveWalHoldsExactlyTheBackupsRows()
    {
        var writer = await _database.MigrateAsync();
        await StoreAsync(writer, 5, 0);
        var backups = Path.Combine(_database.Directory, "backups");
        Assert.Equal(0, (await RunAsync("backup.sh", backups)).ExitCode);
        var backup = Assert.Single(Directory.GetFiles(backups, "*.db.gz"));

        // Seven more results that sit only in the WAL, as a Prober stopped by a crash leaves them.
        var database = Path.Combine(_live, "health_checks.db");
        await using (var open = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            // Held open (and in use once), so no other connection's close checkpoints the WAL away.
            await open.OpenAsync();
            await using var read = new SqliteCommand("SELECT count(*) FROM health_checks;", open);
            Assert.Equal(5L, await read.ExecuteScalarAsync());
            await StoreAsync(writer, 7, 100);
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Copy(_database.Path + suffix, database + suffix);
            }
        }

        Assert.True(new FileInfo(database + "-wal").Length > 0, "the database to restore over has a live WAL");
        Assert.Equal(12, Count(database));

        var restore = await RunAsync("restore.sh", backup, database);

        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.Equal(5, Count(database));
        Assert.Equal("ok", Scalar(database, "PRAGMA integrity_check;"));
        var calls = await File.ReadAllLinesAsync(Path.Combine(_database.Directory, "systemctl.log"));
        Assert.Equal(
            ["stop amohealth-gateway amohealth-api amohealth-prober",
            "start amohealth-prober amohealth-api amohealth-gateway"], calls);
    }

    [Fact]
    public async Task TheCurrentOAuthPairOutlivesARestoreAndTheReplacedDatabaseIsKept()
    {
        var writer = await _database.MigrateAsync();
        await StoreAsync(writer, 5, 0);
        await using (var db = await writer.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO oauth_tokens (account, access_token, refresh_token, refresh_token_hash, expires_at, " +
                    "updated_at) VALUES ('acme', 'a1', 'spent', 'h1', 1, 1);");
        }

        var backups = Path.Combine(_database.Directory, "backups");
        Assert.Equal(0, (await RunAsync("backup.sh", backups)).ExitCode);
        var backup = Assert.Single(Directory.GetFiles(backups, "*.db.gz"));
        // Since the backup the Prober refreshed once (amoCRM no longer accepts "spent") and stored two results.
        await using (var db = await writer.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE oauth_tokens SET access_token = 'a2', refresh_token = 'current', refresh_token_hash = 'h2';");
        }

        await StoreAsync(writer, 2, 100);
        SqliteConnection.ClearAllPools();

        var restore = await RunAsync("restore.sh", backup);

        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.Equal(5, Count(_database.Path));
        Assert.Equal("current",
            Scalar(_database.Path, "SELECT refresh_token FROM oauth_tokens WHERE account = 'acme';"));
        Assert.Equal(7, Count(_database.Path + ".pre-restore"));
    }

    [Fact]
    public async Task ABrokenBackupChangesNothingAndStopsNoService()
    {
        var writer = await _database.MigrateAsync();
        await StoreAsync(writer, 3, 0);
        var broken = Path.Combine(_database.Directory, "broken.db");
        await File.WriteAllTextAsync(broken, "not a database");

        var restore = await RunAsync("restore.sh", broken, _database.Path);

        Assert.NotEqual(0, restore.ExitCode);
        Assert.Contains("the backup failed its integrity check, nothing was changed", restore.Output,
            StringComparison.Ordinal);
        Assert.Equal(3, Count(_database.Path));
        Assert.False(File.Exists(Path.Combine(_database.Directory, "systemctl.log")), "no service was stopped");
    }

    private static async Task StoreAsync(IDbContextFactory<AmoHealth.Core.Storage.AmoHealthDbContext> writer, int count,
        long offset)
    {
        await using var db = await writer.CreateDbContextAsync();
        await Results.StoreAsync(db, Enumerable.Range(0, count)
            .Select(i =>
            new ProbeResult("acme", CheckType.Get, Outcome.Up, 100, 1_800_000_000_000 + offset + i, 200, null)));
    }

    private static long Count(string path) =>
        Convert.ToInt64(Scalar(path, "SELECT count(*) FROM health_checks;"),
        System.Globalization.CultureInfo.InvariantCulture);

    private static string? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    /// <summary>Runs a deploy script with systemctl replaced by a stub that records its arguments.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string script, string argument, string? database = null)
    {
        var stubs = Path.Combine(_database.Directory, "bin");
        Directory.CreateDirectory(stubs);
        var systemctl = Path.Combine(stubs, "systemctl");
        await File.WriteAllTextAsync(systemctl,
            $"#!/bin/sh\necho \"$*\" >> '{Path.Combine(_database.Directory, "systemctl.log")}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(systemctl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var start = new ProcessStartInfo("bash",
            [Path.Combine(BrowserFixture.RepositoryRoot(), "deploy", script), argument])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = stubs + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["Storage__Path"] = database ?? _database.Path;
        start.Environment["OWNER"] = $"{Environment.UserName}:";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
