using System.Diagnostics;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AmoHealth.Bench;

/// <summary>
/// Loads <c>--days</c> of results (one per check every 30 s, five checks per account) into a fresh SQLite
/// file through the writer's own path (raw rows, then rollups, in batches of 500, in time order), then
/// reports bytes per raw result: the <c>health_checks</c> table alone and the whole file.
/// </summary>
public static class StorageBenchmark
{
    private const int Batch = 500;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var path = args.Text("db");
        var accounts = args.Int("accounts", 1);
        var days = args.Int("days", 30);
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        var options = new StorageOptions { Path = path };
        var contexts = new StorageContextFactory(options);
        await new DatabaseMigrator(contexts, Options.Create(options),
            new SchemaState(new StoreConnections(options))).MigrateAsync(CancellationToken.None);

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = now - (days * 86_400_000L);
        var random = new Random(42);
        var clock = Stopwatch.StartNew();
        var pending = new List<HealthCheckRecord>(Batch);
        long total = 0;
        for (var t = start; t < now; t += 30_000)
        {
            for (var a = 0; a < accounts; a++)
            {
                foreach (var check in CheckType.All)
                {
                    pending.Add(HealthCheckRecord.From(Result(random, accounts == 1 ? "main" : $"account{a:00}", check,
                        t)));
                    if (pending.Count == Batch)
                    {
                        total += await FlushAsync(contexts, pending);
                    }
                }
            }
        }

        total += await FlushAsync(contexts, pending);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        SqliteConnection.ClearAllPools();

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        var pageSize = await Scalar(connection, "PRAGMA page_size;");
        // Steady state: minute rollups are kept 7 days (the retention pass would have deleted the rest).
        var minuteCutoff = now - (new RetentionOptions().MinuteDays * 86_400_000L);
        await Execute(connection, $"DELETE FROM rollup_minute WHERE bucket < {minuteCutoff}; VACUUM;");
        var tables = new Dictionary<string, long>();
        foreach (var table in new[] { "health_checks", "rollup_minute", "rollup_hour", "rollup_day" })
        {
            tables[table] = await TableBytesAsync(connection, table, path + "." + table);
        }

        var fileBytes = await Scalar(connection, "PRAGMA page_count;") * pageSize;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "storage",
            accounts,
            days,
            results = total,
            load_seconds = Math.Round(loadSeconds, 1),
            results_per_second = Math.Round(total / loadSeconds),
            health_checks_bytes_per_result = Math.Round((double)tables["health_checks"] / total, 1),
            rollups_bytes_per_result =
                Math.Round((double)(tables["rollup_minute"] + tables["rollup_hour"] + tables["rollup_day"]) / total, 1),
            file_bytes_per_result = Math.Round((double)fileBytes / total, 1),
            table_mib = tables.ToDictionary(t => t.Key, t => Math.Round(t.Value / 1048576.0, 2)),
            file_mib = Math.Round(fileBytes / 1048576.0, 1),
        }));
        return 0;
    }

    private static ProbeResult Result(Random random, string account, string check, long t)
    {
        var failed = random.Next(200) == 0;
        var time = random.Next(20) == 0 ? random.Next(1_000, 5_000) : random.Next(90, 700);
        return new ProbeResult(
            account, check, failed ? Outcome.Down : Outcome.Up, time, t + random.Next(0, 30_000), failed ? 503 : 200,
            failed ? "HTTP 503 from amoCRM" : null,
                new ProbePhases(random.Next(0, 5), random.Next(1, 40), random.Next(10, 90), time - 60));
    }

    private static async Task<long> FlushAsync(StorageContextFactory contexts, List<HealthCheckRecord> rows)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.HealthChecks.AddRange(rows);
        await db.SaveChangesAsync();
        await RollupWriter.AddAsync(await db.SessionAsync(CancellationToken.None), rows, CancellationToken.None);
        await transaction.CommitAsync();
        var count = rows.Count;
        rows.Clear();
        return count;
    }

    /// <summary>
    /// On-disk size of one table with its indexes: copied alone into a fresh file with the same schema (this
    /// SQLite build has no dbstat), minus that file's empty size.
    /// </summary>
    private static async Task<long> TableBytesAsync(SqliteConnection connection, string table, string scratch)
    {
        File.Delete(scratch);
        var ddl = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT sql FROM sqlite_master WHERE tbl_name = '{table}' AND sql IS NOT NULL ORDER BY type DESC;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ddl.Add(reader.GetString(0));
            }
        }

        var columns = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT name FROM pragma_table_xinfo('{table}') WHERE hidden = 0;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add("\"" + reader.GetString(0) + "\"");
            }
        }

        await using (var copy = new SqliteConnection($"Data Source={scratch};Pooling=False"))
        {
            await copy.OpenAsync();
            foreach (var statement in ddl)
            {
                await Execute(copy, statement);
            }
        }

        var empty = new FileInfo(scratch).Length;
        await Execute(connection, $"ATTACH DATABASE '{scratch}' AS copy;");
        await Execute(
            connection,
            $"INSERT INTO copy.\"{table}\" ({string.Join(',', columns)}) "
                + $"SELECT {string.Join(',', columns)} FROM main.\"{table}\" ORDER BY rowid;");
        await Execute(connection, "DETACH DATABASE copy;");
        var size = new FileInfo(scratch).Length - empty;
        File.Delete(scratch);
        return size;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(SqliteConnection connection, string sql, long fallback = long.MinValue)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(),
                System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException) when (fallback != long.MinValue)
        {
            return fallback;
        }
    }
}
