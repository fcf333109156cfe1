using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage.Rollups;

/// <summary>
/// Reads windows from the rollups: a window is covered by whole days, then whole hours, then minutes at its
/// edges, so a 30-day window reads about a thousand small rows for five checks instead of 432,000 results.
/// </summary>
public static class RollupQuery
{
    public readonly record struct Segment(Resolution Resolution, long From, long To);

    /// <summary>
    /// Splits the window into rollup segments, minute-aligned outward: the minute holding <paramref name="to"/>
    /// is included, so a window ending now includes the current minute. Edges older than a level's retention
    /// are widened to the next level, so the window start is then exact to the hour (or day). A window that
    /// ends now (or later) is widened to the end of today: nothing is stored after now, and today's day bucket,
    /// which the writer keeps current, then stands in for today's hours and this hour's minutes.
    /// </summary>
    public static IReadOnlyList<Segment> Cover(long from, long to, RetentionOptions retention, long now)
    {
        var start = Resolution.Minute.Floor(from);
        var end = to >= now
            ? Resolution.Day.Floor(to) + Resolution.Day.Milliseconds()
            : Resolution.Minute.Floor(to) + Resolution.Minute.Milliseconds();
        var segments = new List<Segment>();
        Split(Resolution.Day, start, end, segments, retention, now);
        return segments;
    }

    public static async Task<IReadOnlyList<SeriesSummary>> SummarizeAsync(
        AmoHealthDbContext db, long from, long to, string? account, string? checkType, RetentionOptions retention, long now,
        CancellationToken cancellationToken)
    {
        var series = new Dictionary<(string, string), SeriesSummary>();
        foreach (var segment in Cover(from, to, retention, now))
        {
            await foreach (var rollup in LevelAsync(db, segment.Resolution, segment.From, segment.To, account, checkType, cancellationToken))
            {
                if (!series.TryGetValue((rollup.Account, rollup.CheckType), out var summary))
                {
                    series[(rollup.Account, rollup.CheckType)] = summary = new SeriesSummary(rollup.Account, rollup.CheckType);
                }

                summary.Merge(rollup);
            }
        }

        return [.. series.Values];
    }

    /// <summary>
    /// One level's rows with buckets in [from, to), in no particular order, streamed as they are read: a caller
    /// folds them into its aggregates, so a long window of many accounts never sits in memory row by row. Read
    /// with a plain command on EF's connection: thousands of small rows come back in a third of the time entity
    /// materialization takes (the SQL is standard, the table and column names are the model's). No ORDER BY:
    /// it makes SQLite walk the whole primary key instead of the rows in range.
    /// </summary>
    public static async IAsyncEnumerable<RollupRow> LevelAsync(
        AmoHealthDbContext db, Resolution resolution, long from, long to, string? account, string? checkType,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = db.Model.FindEntityType(resolution switch
        {
            Resolution.Minute => typeof(MinuteRollup),
            Resolution.Hour => typeof(HourRollup),
            _ => typeof(DayRollup),
        })!.GetTableName();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            var sql = new System.Text.StringBuilder(
                $"SELECT account, check_type, bucket, count, up_count, timed_count, sum_ms, min_ms, max_ms, histogram FROM {table} WHERE bucket >= @from AND bucket < @to");
            Parameter(command, "@from", from);
            Parameter(command, "@to", to);
            if (account is not null)
            {
                sql.Append(" AND account = @account");
                Parameter(command, "@account", account);
            }

            if (checkType is not null)
            {
                sql.Append(" AND check_type = @check");
                Parameter(command, "@check", checkType);
            }

            command.CommandText = sql.ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new RollupRow(
                    reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5),
                    reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetInt32(8),
                    (byte[])reader.GetValue(9));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Parameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Raw results with <c>timestamp</c> in [from, to), found by the id range the hour rollups record for the
    /// window (rows are numbered in write order), so <c>health_checks</c> needs no time index.
    /// </summary>
    public static async Task<IQueryable<HealthCheckRecord>> RawAsync(
        AmoHealthDbContext db, long from, long to, string? account, string? checkType, CancellationToken cancellationToken)
    {
        var hours = Filter(db.HourRollups.AsNoTracking(), account, checkType)
            .Where(r => r.Bucket >= Resolution.Hour.Floor(from) && r.Bucket < to);
        var first = await hours.MinAsync(r => (long?)r.FirstId, cancellationToken);
        var last = await hours.MaxAsync(r => (long?)r.LastId, cancellationToken);
        var raw = db.HealthChecks.AsNoTracking();
        if (first is null || last is null)
        {
            return raw.Where(h => false);
        }

        raw = raw.Where(h => h.Id >= first && h.Id <= last && h.Timestamp >= from && h.Timestamp < to);
        if (account is not null)
        {
            raw = raw.Where(h => h.Account == account);
        }

        return checkType is null ? raw : raw.Where(h => h.CheckType == checkType);
    }

    private static IQueryable<T> Filter<T>(IQueryable<T> query, string? account, string? checkType)
        where T : RollupRecord
    {
        if (account is not null)
        {
            query = query.Where(r => r.Account == account);
        }

        return checkType is null ? query : query.Where(r => r.CheckType == checkType);
    }

    private static void Split(Resolution level, long start, long end, List<Segment> segments, RetentionOptions retention, long now)
    {
        if (start >= end)
        {
            return;
        }

        if (level == Resolution.Minute)
        {
            segments.Add(new Segment(level, start, end));
            return;
        }

        var size = level.Milliseconds();
        var finer = level == Resolution.Day ? Resolution.Hour : Resolution.Minute;
        var finerKeptFrom = retention.KeptFrom(finer, now);
        var inner = level.Floor(start + size - 1);
        var innerEnd = level.Floor(end);
        if (inner >= innerEnd)
        {
            // No whole bucket inside: the finer level if it still holds the span, else this level's bucket(s).
            if (start >= finerKeptFrom)
            {
                Split(finer, start, end, segments, retention, now);
            }
            else
            {
                segments.Add(new Segment(level, level.Floor(start), level.Floor(end - 1) + size));
            }

            return;
        }

        segments.Add(new Segment(level, inner, innerEnd));
        // An edge the finer level no longer holds is read from this level's whole bucket instead.
        if (start < inner && start < finerKeptFrom)
        {
            segments.Add(new Segment(level, inner - size, inner));
        }
        else
        {
            Split(finer, start, inner, segments, retention, now);
        }

        if (innerEnd < end && innerEnd < finerKeptFrom)
        {
            segments.Add(new Segment(level, innerEnd, innerEnd + size));
        }
        else
        {
            Split(finer, innerEnd, end, segments, retention, now);
        }
    }
}
