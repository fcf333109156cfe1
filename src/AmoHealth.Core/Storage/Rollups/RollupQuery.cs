using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage.Rollups;

/// <summary>The merged rollups of one account's check over a window.</summary>
public sealed class SeriesSummary(string account, string checkType)
{
    public string Account { get; } = account;

    public string CheckType { get; } = checkType;

    public int Count { get; private set; }

    public int UpCount { get; private set; }

    public int TimedCount { get; private set; }

    public long SumMs { get; private set; }

    public int? MinMs { get; private set; }

    public int? MaxMs { get; private set; }

    public LatencyHistogram Histogram { get; } = new();

    public int? Average => TimedCount == 0 ? null : (int)Math.Round((double)SumMs / TimedCount);

    /// <summary>A percentile from the histogram (within 1 %), kept inside the exact min and max.</summary>
    public int? Percentile(double p) => Histogram.Percentile(p) is { } value ? Math.Clamp(value, MinMs ?? value, MaxMs ?? value) : null;

    /// <summary>Adds one raw result.</summary>
    public void Add(bool up, int? responseTimeMs)
    {
        Count++;
        UpCount += up ? 1 : 0;
        if (responseTimeMs is not { } ms)
        {
            return;
        }

        TimedCount++;
        SumMs += ms;
        MinMs = Min(MinMs, ms);
        MaxMs = Max(MaxMs, ms);
        Histogram.Add(ms);
    }

    public void Merge(RollupRecord rollup)
    {
        Count += rollup.Count;
        UpCount += rollup.UpCount;
        TimedCount += rollup.TimedCount;
        SumMs += rollup.SumMs;
        MinMs = Min(MinMs, rollup.MinMs);
        MaxMs = Max(MaxMs, rollup.MaxMs);
        Histogram.Merge(LatencyHistogram.FromBytes(rollup.Histogram));
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}

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
    /// are widened to the next level, so the window start is then exact to the hour (or day).
    /// </summary>
    public static IReadOnlyList<Segment> Cover(long from, long to, RetentionOptions retention, long now)
    {
        var start = Resolution.Minute.Floor(from);
        var end = Resolution.Minute.Floor(to) + Resolution.Minute.Milliseconds();
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
            foreach (var rollup in await LevelAsync(db, segment.Resolution, segment.From, segment.To, account, checkType, cancellationToken))
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

    /// <summary>One level's rows with buckets in [from, to), ordered by series and time.</summary>
    public static async Task<IReadOnlyList<RollupRecord>> LevelAsync(
        AmoHealthDbContext db, Resolution resolution, long from, long to, string? account, string? checkType, CancellationToken cancellationToken)
    {
        var query = Filter(db.Query(resolution).AsNoTracking(), account, checkType).Where(r => r.Bucket >= from && r.Bucket < to);
        return await query.OrderBy(r => r.Account).ThenBy(r => r.CheckType).ThenBy(r => r.Bucket).ToListAsync(cancellationToken);
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
