using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Queries;

/// <summary>Response-time history. Short windows read raw results; longer ones read the minute, hour or day rollups and
/// merge them into at most <see cref="MaxPointsPerSeries"/> points per account and check, so a 30-day chart is a few
/// hundred points, not 86,400. An answer holds at most about <see cref="MaxPoints"/> points in all: with many accounts
/// each series gets its share (coarser buckets, read from the coarsest rollup level that fits), so an unfiltered
/// request for 50 accounts stays small and fast; ask per account for detail.</summary>
public sealed class HistoryReader(StoreConnections connections, IOptions<StorageOptions> storage, TimeProvider time)
{
    public const int MaxPointsPerSeries = 500;

    /// <summary>The points of one answer, over all series (about 1.5 MB of JSON).</summary>
    public const int MaxPoints = 6_000;

    /// <summary>However many series share an answer, each keeps at least this many points.</summary>
    public const int MinPointsPerSeries = 2;

    /// <summary>The most series (account and check) one answer holds: <see cref="MaxPoints"/> at
    /// <see cref="MinPointsPerSeries"/> each.</summary>
    public const int MaxSeries = MaxPoints / MinPointsPerSeries;

    /// <summary>Windows up to this long are drawn from raw results.</summary>
    public const long RawUpTo = 2 * 3_600_000L;

    /// <summary>Windows up to this long are drawn from minute rollups (when still kept), then hours, then
    /// days.</summary>
    public const long MinutesUpTo = 5 * 86_400_000L;

    public const long HoursUpTo = 120 * 86_400_000L;

    private RetentionOptions Retention => storage.Value.Retention;

    /// <summary>The points of the window, or null when it holds more than <see cref="MaxSeries"/> series (too many for
    /// one answer).</summary>
    public async Task<IReadOnlyList<HistoryPoint>?> HistoryAsync(
        TimeWindow window, string? account, string? checkType, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var series = await SeriesCountAsync(connection, window, account, checkType, cancellationToken);
        if (series > MaxSeries)
        {
            return null;
        }

        var perSeries = PointsPerSeries(series);
        if (window.Length <= RawUpTo && window.From >= Retention.RawKeptFrom(now)
            && window.Length / perSeries < Resolution.Minute.Milliseconds())
        {
            var raw = new List<HealthCheckRecord>();
            await foreach (var row in RollupQuery.RawAsync(connection, window.From, window.To, account, checkType, null,
                null, cancellationToken))
            {
                raw.Add(row);
            }

            var bucketMs = BucketFor(window, 1, perSeries);
            return [.. raw
                .GroupBy(r => (r.Account, r.CheckType))
                .OrderBy(g => g.Key.Account, StringComparer.Ordinal)
                .ThenBy(g => CheckType.OrderOf(g.Key.CheckType))
                .SelectMany(series =>
                {
                    var rows = series.OrderBy(r => r.Timestamp).ToList();
                    if (rows.Count <= perSeries)
                    {
                        return rows.Select(r => new HistoryPoint(
                            r.Account, r.CheckType, r.Timestamp, r.Status, r.ResponseTime, r.ResponseTime,
                            r.ResponseTime, r.ResponseTime,
                            1, r.Status == OutcomeNames.Status.Up ? 1 : 0, 0, r.ErrorMessage, r.DnsMs, r.ConnectMs,
                            r.TlsMs,
                            r.TtfbMs, r.Kind.ToName()));
                    }

                    return rows.GroupBy(r => window.From + ((r.Timestamp - window.From) / bucketMs * bucketMs))
                        .Select(bucket =>
                    {
                        var summary = new SeriesSummary(series.Key.Account, series.Key.CheckType);
                        foreach (var r in bucket)
                        {
                            summary.Add(r.Status == OutcomeNames.Status.Up, r.ResponseTime);
                        }

                        return Point(summary, bucket.Key, bucketMs,
                            bucket.LastOrDefault(r => r.ErrorMessage is not null)?.ErrorMessage);
                    });
                })];
        }

        var resolution = Coarsest(Resolutions.For(window, now, Retention), window.Length / perSeries);
        var step = BucketFor(window, resolution.Milliseconds(), perSeries);
        var start = resolution.Floor(window.From);
        // Rows arrive in no order and are folded into their points as they come: memory follows the points, not the
        // rows.
        var points = new Dictionary<(string Account, string CheckType, long Bucket), SeriesSummary>();
        await foreach (var row in RollupQuery.LevelAsync(connection, resolution, start, window.To, account, checkType,
            cancellationToken))
        {
            var key = (row.Account, row.CheckType, start + ((row.Bucket - start) / step * step));
            if (!points.TryGetValue(key, out var summary))
            {
                points[key] = summary = new SeriesSummary(row.Account, row.CheckType);
            }

            summary.Merge(row);
        }

        return [.. points
            .OrderBy(p => p.Key.Account, StringComparer.Ordinal)
            .ThenBy(p => CheckType.OrderOf(p.Key.CheckType))
            .ThenBy(p => p.Key.Bucket)
            .Select(p => Point(p.Value, p.Key.Bucket, step, null))];
    }

    /// <summary>Rows per page of an export: each page is one short read, so a slow download never holds a snapshot
    /// open.</summary>
    public const int ExportPageSize = 1_000;

    /// <summary>Raw results in the window, oldest first, for export: read in pages by id, each page on its own
    /// connection and closed before its rows are written out. A download at the client's pace then never pins the
    /// SQLite WAL (an open read keeps every later frame from being checkpointed and the file from starting
    /// over).</summary>
    public async IAsyncEnumerable<HealthCheckRecord> RawAsync(
        TimeWindow window, string? account, string? checkType,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = long.MinValue;
        while (true)
        {
            var page = new List<HealthCheckRecord>(ExportPageSize);
            await using (var connection = await connections.OpenAsync(cancellationToken))
            {
                await foreach (var row in RollupQuery.RawAsync(connection, window.From, window.To, account, checkType,
                    after, ExportPageSize, cancellationToken))
                {
                    page.Add(row);
                }
            }

            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < ExportPageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Each series' share of <see cref="MaxPoints"/>, within [<see cref="MinPointsPerSeries"/>,
    /// <see cref="MaxPointsPerSeries"/>].</summary>
    public static int PointsPerSeries(int series) =>
        Math.Clamp(MaxPoints / Math.Max(1, series), MinPointsPerSeries, MaxPointsPerSeries);

    /// <summary>The bucket length: a whole number of <paramref name="unit"/>s giving at most <paramref name="points"/>
    /// buckets.</summary>
    private static long BucketFor(TimeWindow window, long unit, int points)
    {
        var perBucket = (long)Math.Ceiling(window.Length / (double)points / unit);
        return Math.Max(1, perBucket) * unit;
    }

    /// <summary>The coarsest level no finer than <paramref name="finest"/> whose rows fit in a bucket of
    /// <paramref name="bucketMs"/>.</summary>
    private static Resolution Coarsest(Resolution finest, long bucketMs) =>
        Core.Storage.Rollups.Resolutions.All.Where(r => r >= finest && r.Milliseconds() <= bucketMs)
            .DefaultIfEmpty(finest).Max();

    /// <summary>How many series (account and check) have results in the window: a small read of the hour
    /// rollups.</summary>
    private static async Task<int> SeriesCountAsync(
        System.Data.Common.DbConnection connection, TimeWindow window, string? account, string? checkType,
        CancellationToken cancellationToken)
    {
        var sql = new System.Text.StringBuilder("SELECT COUNT(*) FROM (SELECT DISTINCT account, check_type FROM " +
            "rollup_hour WHERE bucket >= @from AND bucket < @to");
        await using var command = connection.Command(string.Empty).With("@from", Resolution.Hour.Floor(window.From))
            .With("@to", window.To)
            .Filter(sql, "account", "@account", account).Filter(sql, "check_type", "@check", checkType);
        command.CommandText = sql.Append(") AS series").ToString();
        return (int)(await command.ScalarInt64Async(cancellationToken) ?? 0);
    }

    private static HistoryPoint Point(SeriesSummary summary, long timestamp, long bucketMs, string? error) => new(
        summary.Account, summary.CheckType, timestamp,
        summary.UpCount == summary.Count ? OutcomeNames.Status.Up : OutcomeNames.Status.Down,
        summary.Average, summary.MinMs, summary.MaxMs, summary.Percentile(95), summary.Count, summary.UpCount, bucketMs,
        error);
}
