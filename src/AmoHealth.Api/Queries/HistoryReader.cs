using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Queries;

/// <summary>
/// History, incidents and statistics. Short windows read raw results; longer ones read the minute, hour or
/// day rollups and merge them into at most <see cref="MaxPointsPerSeries"/> points per account and check,
/// so a 30-day chart is a few hundred points, not 86,400.
/// </summary>
public sealed class HistoryReader(IDbContextFactory<AmoHealthDbContext> contexts, IOptions<StorageOptions> storage, TimeProvider time)
{
    public const int MaxPointsPerSeries = 500;

    /// <summary>Windows up to this long are drawn from raw results.</summary>
    public const long RawUpTo = 2 * 3_600_000L;

    /// <summary>Windows up to this long are drawn from minute rollups (when still kept), then hours, then days.</summary>
    public const long MinutesUpTo = 5 * 86_400_000L;

    public const long HoursUpTo = 120 * 86_400_000L;

    private RetentionOptions Retention => storage.Value.Retention;

    public async Task<IReadOnlyList<HistoryPoint>> HistoryAsync(
        TimeWindow window, string? account, string? checkType, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (window.Length <= RawUpTo && window.From >= Retention.RawKeptFrom(now))
        {
            var raw = await (await RollupQuery.RawAsync(db, window.From, window.To, account, checkType, cancellationToken))
                .OrderBy(h => h.Id)
                .Select(h => new { h.Account, h.CheckType, h.Timestamp, h.Status, h.ResponseTime, h.ErrorMessage, h.DnsMs, h.ConnectMs, h.TlsMs, h.TtfbMs })
                .ToListAsync(cancellationToken);
            var bucketMs = BucketFor(window, 1);
            return [.. raw
                .GroupBy(r => (r.Account, r.CheckType))
                .OrderBy(g => g.Key.Account, StringComparer.Ordinal)
                .ThenBy(g => CheckType.OrderOf(g.Key.CheckType))
                .SelectMany(series =>
                {
                    var rows = series.OrderBy(r => r.Timestamp).ToList();
                    if (rows.Count <= MaxPointsPerSeries)
                    {
                        return rows.Select(r => new HistoryPoint(
                            r.Account, r.CheckType, r.Timestamp, r.Status, r.ResponseTime, r.ResponseTime, r.ResponseTime, r.ResponseTime,
                            1, r.Status == OutcomeNames.Status.Up ? 1 : 0, 0, r.ErrorMessage, r.DnsMs, r.ConnectMs, r.TlsMs, r.TtfbMs));
                    }

                    return rows.GroupBy(r => window.From + ((r.Timestamp - window.From) / bucketMs * bucketMs)).Select(bucket =>
                    {
                        var summary = new SeriesSummary(series.Key.Account, series.Key.CheckType);
                        foreach (var r in bucket)
                        {
                            summary.Add(r.Status == OutcomeNames.Status.Up, r.ResponseTime);
                        }

                        return Point(summary, bucket.Key, bucketMs, bucket.LastOrDefault(r => r.ErrorMessage is not null)?.ErrorMessage);
                    });
                })];
        }

        var resolution = ResolutionFor(window, now);
        var step = BucketFor(window, resolution.Milliseconds());
        var rollups = await RollupQuery.LevelAsync(
            db, resolution, resolution.Floor(window.From), window.To, account, checkType, cancellationToken);
        var start = resolution.Floor(window.From);
        // Rows come ordered by account, check and time: one pass, one point per run of rows in a bucket.
        var points = new List<HistoryPoint>(rollups.Count / (int)(step / resolution.Milliseconds()) + 8);
        SeriesSummary? current = null;
        long currentBucket = 0;
        foreach (var row in rollups)
        {
            var bucket = start + ((row.Bucket - start) / step * step);
            if (current is null || bucket != currentBucket || row.Account != current.Account || row.CheckType != current.CheckType)
            {
                if (current is not null)
                {
                    points.Add(Point(current, currentBucket, step, null));
                }

                current = new SeriesSummary(row.Account, row.CheckType);
                currentBucket = bucket;
            }

            current.Merge(row);
        }

        if (current is not null)
        {
            points.Add(Point(current, currentBucket, step, null));
        }

        return [.. points
            .OrderBy(p => p.Account, StringComparer.Ordinal)
            .ThenBy(p => CheckType.OrderOf(p.CheckType))
            .ThenBy(p => p.Timestamp)];
    }

    public async Task<IReadOnlyList<IncidentDto>> IncidentsAsync(
        int limit, int offset, TimeWindow? window, string? account, string? checkType, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Open incidents first, then the most recent.
        return await Incidents(db, window, account, checkType)
            .OrderBy(i => i.EndTime == null ? 0 : 1)
            .ThenByDescending(i => i.StartTime)
            .ThenByDescending(i => i.Id)
            .Skip(offset)
            .Take(limit)
            .Select(i => new IncidentDto(i.Id, i.Account, i.CheckType, i.Kind, i.StartTime, i.EndTime, i.Duration, i.Details))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CheckStats>> StatsAsync(
        TimeWindow window, string? account, string? checkType, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var series = await RollupQuery.SummarizeAsync(db, window.From, window.To, account, checkType, Retention, now, cancellationToken);
        var incidents = await Incidents(db, window, account, checkType)
            .Select(i => new { i.Account, i.CheckType, i.Kind, i.StartTime, i.EndTime, i.Duration })
            .ToListAsync(cancellationToken);
        var spans = await MonitoredSpansAsync(db, window, account, checkType, now, cancellationToken);

        return [.. series
            .OrderBy(s => s.Account, StringComparer.Ordinal)
            .ThenBy(s => CheckType.OrderOf(s.CheckType))
            .Select(s =>
            {
                var mine = incidents.Where(i => i.Account == s.Account && i.CheckType == s.CheckType).ToList();
                // Only outages count as downtime; a 429, a block, a bill or a rejected token are counted apart.
                var outages = mine.Where(i => i.Kind == OutageKind).ToList();
                var closed = outages.Where(i => i.Duration is not null && i.EndTime < window.To).Select(i => i.Duration!.Value).ToList();
                // Uptime by time is over the span that was monitored: time without data is not up.
                var (from, to) = spans.TryGetValue((s.Account, s.CheckType), out var span) ? span : (window.From, Math.Min(window.To, now));
                var length = Math.Max(1, to - from);
                var down = outages.Sum(i => Math.Max(0, Math.Min(i.EndTime ?? now, to) - Math.Max(i.StartTime, from)));
                return new CheckStats(
                    s.Account, s.CheckType, s.Count, s.UpCount,
                    s.Count == 0 ? 100 : Math.Round(100.0 * s.UpCount / s.Count, 3),
                    Math.Round(100.0 * (1 - Math.Min(1, (double)down / length)), 3),
                    s.Average, s.Percentile(50), s.Percentile(95), s.Percentile(99), s.MinMs, s.MaxMs,
                    outages.Count, closed.Count > 0 ? (long)closed.Average() : null)
                {
                    Coverage = Math.Round(100.0 * Math.Min(1, (double)(to - from) / window.Length), 3),
                    IncidentsByKind = mine.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                };
            })];
    }

    private const string OutageKind = "down";

    /// <summary>
    /// Per account and check, the part of the window that has data: from its first bucket (or the window's
    /// start) to the end of its last bucket (or now), read from the finest rollups still kept for the window.
    /// </summary>
    private async Task<Dictionary<(string Account, string CheckType), (long From, long To)>> MonitoredSpansAsync(
        AmoHealthDbContext db, TimeWindow window, string? account, string? checkType, long now, CancellationToken cancellationToken)
    {
        var resolution = ResolutionFor(window, now);
        var query = db.Query(resolution).Where(r => r.Bucket >= resolution.Floor(window.From) && r.Bucket < window.To);
        if (account is not null)
        {
            query = query.Where(r => r.Account == account);
        }

        if (checkType is not null)
        {
            query = query.Where(r => r.CheckType == checkType);
        }

        var rows = await query.GroupBy(r => new { r.Account, r.CheckType })
            .Select(g => new { g.Key.Account, g.Key.CheckType, First = g.Min(r => r.Bucket), Last = g.Max(r => r.Bucket) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => (r.Account, r.CheckType),
            r => (Math.Max(window.From, r.First), Math.Min(Math.Min(window.To, now), r.Last + resolution.Milliseconds())));
    }

    /// <summary>Raw results in the window, oldest first, for export.</summary>
    public async IAsyncEnumerable<HealthCheckRecord> RawAsync(
        TimeWindow window, string? account, string? checkType, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = await RollupQuery.RawAsync(db, window.From, window.To, account, checkType, cancellationToken);
        await foreach (var row in query.OrderBy(h => h.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private static IQueryable<IncidentRecord> Incidents(AmoHealthDbContext db, TimeWindow? window, string? account, string? checkType)
    {
        var query = db.Incidents.AsNoTracking();
        if (window is { } w)
        {
            // Every incident that overlaps the window, open ones included.
            query = query.Where(i => i.StartTime < w.To && (i.EndTime == null || i.EndTime >= w.From));
        }

        if (account is not null)
        {
            query = query.Where(i => i.Account == account);
        }

        return checkType is null ? query : query.Where(i => i.CheckType == checkType);
    }

    private Resolution ResolutionFor(TimeWindow window, long now)
    {
        if (window.Length <= MinutesUpTo && window.From >= Retention.KeptFrom(Resolution.Minute, now))
        {
            return Resolution.Minute;
        }

        return window.Length <= HoursUpTo && window.From >= Retention.KeptFrom(Resolution.Hour, now) ? Resolution.Hour : Resolution.Day;
    }

    /// <summary>The bucket length: a whole number of <paramref name="unit"/>s giving at most <see cref="MaxPointsPerSeries"/> buckets.</summary>
    private static long BucketFor(TimeWindow window, long unit)
    {
        var perBucket = (long)Math.Ceiling(window.Length / (double)MaxPointsPerSeries / unit);
        return Math.Max(1, perBucket) * unit;
    }

    private static HistoryPoint Point(SeriesSummary summary, long timestamp, long bucketMs, string? error) => new(
        summary.Account, summary.CheckType, timestamp,
        summary.UpCount == summary.Count ? OutcomeNames.Status.Up : OutcomeNames.Status.Down,
        summary.Average, summary.MinMs, summary.MaxMs, summary.Percentile(95), summary.Count, summary.UpCount, bucketMs, error);
}
