using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace AmoHealth.Bench;

/// <summary>
/// Several Prober processes sharing accounts on one PostgreSQL (started by bench/scale.sh): after a warm-up,
/// checks per second, start jitter (each probe's start against the previous one of its check plus the
/// interval), checks run twice in one interval, and how the leases are spread; then one Prober is killed (-9)
/// and the time until every one of its accounts has a new result; and bytes per result on PostgreSQL.
/// </summary>
public static class ScaleBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var pg = args.Text("pg");
        var interval = args.Int("interval-ms", 30_000);
        var seconds = args.Int("seconds", 90);
        var victim = args.Int("kill-pid", 0);
        await Task.Delay(TimeSpan.FromSeconds(args.Int("warm", 60)));

        var from = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var to = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var db = new NpgsqlConnection(pg);
        await db.OpenAsync();
        var starts = await RowsAsync(
            db,
            $"SELECT account || '/' || check_type, timestamp FROM health_checks "
                + $"WHERE timestamp >= {from - interval} AND timestamp < {to} ORDER BY 1, 2",
            r => (Series: r.GetString(0), At: r.GetInt64(1)));
        var inWindow = starts.Count(s => s.At >= from);
        var jitter = new List<double>();
        var doubled = 0;
        foreach (var series in starts.GroupBy(s => s.Series))
        {
            var times = series.Select(s => s.At).ToList();
            for (var i = 1; i < times.Count; i++)
            {
                if (times[i] < from)
                {
                    continue;
                }

                var gap = times[i] - times[i - 1];
                doubled += gap < interval / 2 ? 1 : 0;
                jitter.Add(Math.Abs(gap - interval));
            }
        }

        jitter.Sort();
        var spread = await RowsAsync(
            db,
            "SELECT count(*) FROM leases WHERE name LIKE 'account:%' AND holder IS NOT NULL "
                + "GROUP BY holder ORDER BY 1",
            r => r.GetInt64(0));
        var accounts = await RowsAsync(
            db,
            $"SELECT substr(name, 9) FROM leases WHERE name LIKE 'account:%' AND holder LIKE '%:{victim}:%'",
            r => r.GetString(0));

        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using (var kill = Process.Start("kill",
            ["-9", victim.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var pickup = new Dictionary<string, long>();
        var deadline = DateTime.UtcNow.AddMilliseconds(5L * interval);
        while (pickup.Count < accounts.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            using var command = new NpgsqlCommand(
                $"SELECT account, min(timestamp) FROM health_checks WHERE timestamp > {killedAt} "
                    + "AND account = ANY(@accounts) GROUP BY account",
                db);
            command.Parameters.AddWithValue("accounts", accounts.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                pickup[reader.GetString(0)] = reader.GetInt64(1) - killedAt;
            }
        }

        var waits = pickup.Values.Select(v => v / 1000.0).Order().ToList();
        var bytes = await RowsAsync(db, """
            SELECT pg_total_relation_size('health_checks')::float8 / greatest((SELECT count(*) FROM health_checks), 1),
                   (pg_total_relation_size('rollup_minute') + pg_total_relation_size('rollup_hour')
                       + pg_total_relation_size('rollup_day'))::float8
                     / greatest((SELECT count(*) FROM health_checks), 1),
                   (SELECT count(*) FROM health_checks)
            """, r => (Raw: r.GetDouble(0), Rollups: r.GetDouble(1), Rows: r.GetInt64(2)));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "scale_out",
            accounts = args.Int("accounts", 0),
            probers = args.Int("probers", 0),
            interval_s = interval / 1000.0,
            window_seconds = (to - from) / 1000.0,
            checks_per_second = Math.Round(inWindow / ((to - from) / 1000.0), 1),
            start_jitter_ms_p99 = jitter.Count > 0 ? Math.Round(Stats.Percentile(jitter, 99), 0) : double.NaN,
            start_jitter_ms_max = jitter.Count > 0 ? jitter[^1] : double.NaN,
            double_probes = doubled,
            accounts_per_prober = spread,
            killed_accounts = accounts.Count,
            picked_up = pickup.Count,
            pickup_s_p50 = waits.Count > 0 ? Math.Round(Stats.Percentile(waits, 50), 1) : double.NaN,
            pickup_s_max = waits.Count > 0 ? Math.Round(waits[^1], 1) : double.NaN,
            pg_bytes_per_result = Math.Round(bytes[0].Raw, 1),
            pg_rollup_bytes_per_result = Math.Round(bytes[0].Rollups, 1),
            pg_results = bytes[0].Rows,
        }));
        return 0;
    }

    private static async Task<List<T>> RowsAsync<T>(NpgsqlConnection db, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
