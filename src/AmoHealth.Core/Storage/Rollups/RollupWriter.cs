using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Storage.Rollups;

/// <summary>Keeps the minute, hour and day rollups in step with <c>health_checks</c>, in plain SQL: called by the
/// single writer inside the transaction that stores the raw rows, so rollups and raw rows never disagree, even after a
/// crash. Each touched bucket is read, merged in memory (counts, id range, histogram) and written back with an upsert
/// on its key (account, check_type, bucket).</summary>
public static class RollupWriter
{
    private const string Columns = "account, check_type, bucket, count, up_count, timed_count, sum_ms, min_ms, " +
        "max_ms, first_id, last_id, histogram, good_minutes, bad_minutes, excluded_minutes, " +
        "maintenance_minutes";

    /// <summary>
    /// Merges stored rows (their ids assigned) into every level. Only amoCRM's verdicts
    /// (<see cref="OutcomeNames.IsAmoCrmVerdict"/>, and not in <paramref name="ownFaults"/>) count toward
    /// uptime and latency; the rest only widen the buckets' id ranges.
    /// </summary>
    public static async Task AddAsync(
        StoreSession session, IReadOnlyCollection<HealthCheckRecord> rows, CancellationToken cancellationToken,
        IReadOnlySet<HealthCheckRecord>? ownFaults = null)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var accounts = rows.Select(r => r.Account).Distinct(StringComparer.Ordinal).ToList();
        // Minutes whose class changed, applied to the hour and day buckets holding them.
        var changed = new List<(string Account, string CheckType, long Minute, MinuteClass From, MinuteClass To)>();
        foreach (var resolution in Resolutions.All)
        {
            var groups = rows.GroupBy(r => (r.Account, r.CheckType, Bucket: resolution.Floor(r.Timestamp))).ToList();
            var existing = await ReadAsync(
                session, resolution, accounts, groups.Min(g => g.Key.Bucket), groups.Max(g => g.Key.Bucket),
                cancellationToken);

            foreach (var group in groups)
            {
                if (!existing.TryGetValue(group.Key, out var rollup))
                {
                    rollup = resolution.Create(group.Key.Account, group.Key.CheckType, group.Key.Bucket);
                }

                var histogram = LatencyHistogram.FromBytes(rollup.Histogram);
                var minuteClass = rollup.Class;
                foreach (var row in group)
                {
                    var counted = row.Outcome.IsAmoCrmVerdict() && ownFaults?.Contains(row) != true;
                    rollup.Add(row, counted);
                    var rowClass = MinuteClasses.Of(row, counted);
                    minuteClass = rowClass > minuteClass ? rowClass : minuteClass;
                    if (counted && row.ResponseTime is { } ms)
                    {
                        histogram.Add(ms);
                    }
                }

                if (resolution == Resolution.Minute && minuteClass != rollup.Class)
                {
                    changed.Add((rollup.Account, rollup.CheckType, rollup.Bucket, rollup.Class, minuteClass));
                    rollup.AddMinutes(rollup.Class, -1);
                    rollup.AddMinutes(minuteClass, 1);
                }
                else if (resolution != Resolution.Minute)
                {
                    foreach (var minute in changed.Where(c => c.Account == rollup.Account
                        && c.CheckType == rollup.CheckType && resolution.Floor(c.Minute) == rollup.Bucket))
                    {
                        rollup.AddMinutes(minute.From, -1);
                        rollup.AddMinutes(minute.To, 1);
                    }
                }

                rollup.Histogram = histogram.ToBytes();
                await UpsertAsync(session, resolution, rollup, cancellationToken);
            }
        }
    }

    /// <summary>The level's rows of these accounts within [first, last], by key.</summary>
    private static async Task<Dictionary<(string Account, string CheckType, long Bucket), RollupRecord>> ReadAsync(
        StoreSession session, Resolution resolution, IReadOnlyList<string> accounts, long first, long last,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(string.Empty).With("@first", first).With("@last", last);
        command.CommandText = $"SELECT {Columns} FROM {resolution.Table()} "
            + "WHERE bucket >= @first AND bucket <= @last AND account IN "
            + command.InList("@a", accounts);
        var found = new Dictionary<(string, string, long), RollupRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var rollup = resolution.Create(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            rollup.Count = reader.GetInt32(3);
            rollup.UpCount = reader.GetInt32(4);
            rollup.TimedCount = reader.GetInt32(5);
            rollup.SumMs = reader.GetInt64(6);
            rollup.MinMs = reader.GetNullableInt32(7);
            rollup.MaxMs = reader.GetNullableInt32(8);
            rollup.FirstId = reader.GetInt64(9);
            rollup.LastId = reader.GetInt64(10);
            rollup.Histogram = (byte[])reader.GetValue(11);
            rollup.GoodMinutes = reader.GetInt32(12);
            rollup.BadMinutes = reader.GetInt32(13);
            rollup.ExcludedMinutes = reader.GetInt32(14);
            rollup.MaintenanceMinutes = reader.GetInt32(15);
            found[(rollup.Account, rollup.CheckType, rollup.Bucket)] = rollup;
        }

        return found;
    }

    private static async Task UpsertAsync(StoreSession session, Resolution resolution, RollupRecord rollup,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(
                $"INSERT INTO {resolution.Table()} ({Columns}) "
                + "VALUES (@account, @check_type, @bucket, @count, @up_count, @timed_count, @sum_ms, "
                + "@min_ms, @max_ms, @first_id, @last_id, @histogram, @good, @bad, @excluded, @maintenance) "
                + "ON CONFLICT (account, check_type, bucket) DO UPDATE SET "
                + "count = excluded.count, up_count = excluded.up_count, timed_count = excluded.timed_count, "
                + "sum_ms = excluded.sum_ms, "
                + "min_ms = excluded.min_ms, max_ms = excluded.max_ms, first_id = excluded.first_id, "
                + "last_id = excluded.last_id, "
                + "histogram = excluded.histogram, good_minutes = excluded.good_minutes, "
                + "bad_minutes = excluded.bad_minutes, excluded_minutes = excluded.excluded_minutes, "
                + "maintenance_minutes = excluded.maintenance_minutes")
            .With("@account", rollup.Account)
            .With("@check_type", rollup.CheckType)
            .With("@bucket", rollup.Bucket)
            .With("@count", rollup.Count)
            .With("@up_count", rollup.UpCount)
            .With("@timed_count", rollup.TimedCount)
            .With("@sum_ms", rollup.SumMs)
            .With("@min_ms", Nullable(rollup.MinMs))
            .With("@max_ms", Nullable(rollup.MaxMs))
            .With("@first_id", rollup.FirstId)
            .With("@last_id", rollup.LastId)
            .With("@histogram", rollup.Histogram)
            .With("@good", rollup.GoodMinutes)
            .With("@bad", rollup.BadMinutes)
            .With("@excluded", rollup.ExcludedMinutes)
            .With("@maintenance", rollup.MaintenanceMinutes);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static object Nullable(int? value) => value is { } set ? set : DBNull.Value;
}
