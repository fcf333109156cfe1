using System.Diagnostics;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>The Api reads the SQLite file as a user that can write neither the file nor its folder (production: folder
/// 2750 and files 0640, owner amohealth, the Api in the group): as the Prober writes, and after it stops
/// cleanly.</summary>
[Trait("Ring", "Integration")]
public sealed class UnwritableSqliteTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private long _next = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task TheApiReadsAWalDatabaseItCannotWriteWhileTheProberWritesAndAfterTheProberStopsAndStartsAgain()
    {
        var prober = await _database.MigrateAsync();
        await StoreAsync(prober, 3);
        LockDown();

        using (var api = new ApiProcess(_database.Path))
        {
            await WaitForRowsAsync(api, 3);
            for (var written = 4; written <= 20; written++)
            {
                await StoreAsync(prober, 1);
                Assert.Equal(written, await CountAsync(api));
            }
        }

        // The Prober stops cleanly: its last connection closes, and the WAL files stay for the reader.
        SqliteConnection.ClearAllPools();
        Assert.True(File.Exists(_database.Path + "-wal") && File.Exists(_database.Path + "-shm"),
            "the -wal and -shm files outlive the Prober");

        using (var api = new ApiProcess(_database.Path))
        {
            await WaitForRowsAsync(api, 20);

            // The Prober starts again (the migrate step first, as before every start) and writes on.
            var restarted = await _database.MigrateAsync();
            await StoreAsync(restarted, 2);
            Assert.Equal(22, await CountAsync(api));
        }
    }

    /// <summary>Folder 2750 and files 0640, owned by this (root) process, group nogroup: the Api (nobody:nogroup) may
    /// only read.</summary>
    private void LockDown()
    {
        if (!ApiProcess.RunningAsRoot)
        {
            // Not root: the Api runs as this same user, the owner; the read-only open is still what is exercised.
            return;
        }

        Run("chgrp", "-R", "nogroup", _database.Directory);
        Run("chmod", "2750", _database.Directory);
        Run("chmod", ["0640", .. Directory.GetFiles(_database.Directory)]);
    }

    private async Task StoreAsync(IDbContextFactory<AmoHealthDbContext> prober, int count)
    {
        await using var db = await prober.CreateDbContextAsync();
        await Results.StoreAsync(db, Enumerable.Range(0, count)
            .Select(_ => new ProbeResult("acme", CheckType.Get, Outcome.Up, 100, _next++, 200, null)));
    }

    /// <summary>Rows in the Api's raw CSV export of the last hour; fails with the Api's answer and output
    /// otherwise.</summary>
    private static async Task<int> CountAsync(ApiProcess api)
    {
        using var http = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.GetAsync("/api/history?hours=1&format=csv");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}\n{api.Output}");
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
    }

    private static async Task WaitForRowsAsync(ApiProcess api, int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await CountAsync(api) == expected)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or Xunit.Sdk.TrueException
                && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                // Not listening yet, or the schema not yet seen.
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60),
                $"the Api did not show {expected} rows within 60 s\n{api.Output}");
            await Task.Delay(100);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)) && process.ExitCode == 0, $"{program} failed");
    }
}
