using System.Data.Common;
using System.Text;
using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Storage.Rollups;

/// <summary>Reads windows from the rollups: a window is covered by whole days, then whole hours, then minutes at its
/// edges, so a 30-day window reads about a thousand small rows for five checks instead of 432,000 results.</summary>
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

    /// <summary>Each account's check merged over the window. The connection is opened here if it is closed.</summary>
    public static async Task<IReadOnlyList<SeriesSummary>> SummarizeAsync(
        DbConnection connection, long from, long to, string? account, string? checkType, RetentionOptions retention,
        long now,
        CancellationToken cancellationToken)
    {
        var series = new Dictionary<(string, string), SeriesSummary>();
        foreach (var segment in Cover(from, to, retention, now))
        {
            await foreach (var rollup in LevelAsync(connection, segment.Resolution, segment.From, segment.To, account,
                checkType, cancellationToken))
            {
                if (!series.TryGetValue((rollup.Account, rollup.CheckType), out var summary))
                {
                    series[(rollup.Account, rollup.CheckType)] = summary = new SeriesSummary(rollup.Account,
                        rollup.CheckType);
                }

                summary.Merge(rollup);
            }
        }

        return [.. series.Values];
    }

    /// <summary>One level's rows with buckets in [from, to), in no particular order, streamed as they are read: a
    /// caller folds them into its aggregates, so a long window of many accounts never sits in memory row by row. A
    /// plain command: thousands of small rows come back in a third of the time entity materialization takes. No ORDER
    /// BY: it makes SQLite walk the whole primary key instead of the rows in range.</summary>
    public static async IAsyncEnumerable<RollupRow> LevelAsync(
        DbConnection connection, Resolution resolution, long from, long to, string? account, string? checkType,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var opened = await connection.EnsureOpenAsync(cancellationToken);
        try
        {
            var sql = new StringBuilder(
                "SELECT account, check_type, bucket, count, up_count, timed_count, sum_ms, min_ms, max_ms, " +
                    "histogram, good_minutes, bad_minutes, excluded_minutes, maintenance_minutes " +
                    $"FROM {resolution.Table()} WHERE bucket >= @from AND bucket < @to");
            await using var command = connection.Command(string.Empty).With("@from", from).With("@to", to)
                .Filter(sql, "account", "@account", account).Filter(sql, "check_type", "@check", checkType);
            command.CommandText = sql.ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new RollupRow(
                    reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3),
                    reader.GetInt32(4), reader.GetInt32(5),
                    reader.GetInt64(6), reader.GetNullableInt32(7), reader.GetNullableInt32(8),
                    (byte[])reader.GetValue(9),
                    new MinuteTally(
                        reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12), reader.GetInt32(13)));
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>
    /// Raw results with <c>timestamp</c> in [from, to), by id, found by the id range the hour rollups record for the
    /// window (rows are numbered in write order), so <c>health_checks</c> needs no time index. <paramref name="after"/>
    /// and <paramref name="limit"/> page by id. The connection is opened here if it is closed.
    /// </summary>
    public static async IAsyncEnumerable<HealthCheckRecord> RawAsync(
        DbConnection connection, long from, long to, string? account, string? checkType, long? after, int? limit,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var opened = await connection.EnsureOpenAsync(cancellationToken);
        try
        {
            var range = new StringBuilder("SELECT MIN(first_id), MAX(last_id) FROM rollup_hour WHERE bucket >= @from " +
                "AND bucket < @to");
            long? first, last;
            await using (var command = connection.Command(string.Empty).With("@from", Resolution.Hour.Floor(from))
                .With("@to", to)
                .Filter(range, "account", "@account", account).Filter(range, "check_type", "@check", checkType))
            {
                command.CommandText = range.ToString();
                await using var ids = await command.ExecuteReaderAsync(cancellationToken);
                await ids.ReadAsync(cancellationToken);
                (first, last) = (ids.GetNullableInt64(0), ids.GetNullableInt64(1));
            }

            if (first is null || last is null)
            {
                yield break;
            }

            var sql = new StringBuilder(
                "SELECT id, \"timestamp\", check_type, status, response_time, error_message, account, outcome, " +
                "http_status, dns_ms, connect_ms, tls_ms, ttfb_ms, failure_kind " +
                "FROM health_checks WHERE id >= @first AND id <= @last AND \"timestamp\" >= @from AND \"timestamp\" " +
                    "< @to");
            await using var raw = connection.Command(string.Empty).With("@first", first).With("@last", last)
                .With("@from", from).With("@to", to)
                .Filter(sql, "account", "@account", account).Filter(sql, "check_type", "@check", checkType);
            if (after is { } id)
            {
                sql.Append(" AND id > @after");
                raw.With("@after", id);
            }

            sql.Append(" ORDER BY id");
            if (limit is { } take)
            {
                sql.Append(" LIMIT @limit");
                raw.With("@limit", take);
            }

            raw.CommandText = sql.ToString();
            await using var reader = await raw.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new HealthCheckRecord
                {
                    Id = reader.GetInt64(0), Timestamp = reader.GetInt64(1), CheckType = reader.GetString(2),
                    Status = reader.GetString(3), ResponseTime = reader.GetNullableInt32(4),
                    ErrorMessage = reader.GetNullableString(5), Account = reader.GetString(6),
                    Outcome = OutcomeNames.Parse(reader.GetString(7)), HttpStatus = reader.GetNullableInt32(8),
                    DnsMs = reader.GetNullableInt32(9), ConnectMs = reader.GetNullableInt32(10),
                    TlsMs = reader.GetNullableInt32(11), TtfbMs = reader.GetNullableInt32(12),
                    StoredKind = reader.GetNullableString(13) is { } kind ? FailureKindNames.Parse(kind) : null,
                };
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static void Split(Resolution level, long start, long end, List<Segment> segments,
        RetentionOptions retention, long now)
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
