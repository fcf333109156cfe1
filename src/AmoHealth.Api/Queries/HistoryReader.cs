using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Api.Queries;

/// <summary>
/// History, incidents and statistics from the raw results. Long ranges are downsampled on the server to at
/// most <see cref="MaxPointsPerSeries"/> points per account and check, so a 30-day chart is not 86,400 points.
/// </summary>
public sealed class HistoryReader(IDbContextFactory<AmoHealthDbContext> contexts)
{
    public const int MaxPointsPerSeries = 500;

    public async Task<IReadOnlyList<HistoryPoint>> HistoryAsync(
        int hours, string? account, string? checkType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddHours(-hours).ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Window(db, since, account, checkType)
            .OrderBy(h => h.Timestamp)
            .Select(h => new { h.Account, h.CheckType, h.Timestamp, h.Status, h.ResponseTime, h.ErrorMessage })
            .ToListAsync(cancellationToken);
        var bucketMs = (long)Math.Ceiling(hours * 3_600_000.0 / MaxPointsPerSeries);
        var points = new List<HistoryPoint>();
        foreach (var series in rows.GroupBy(r => (r.Account, r.CheckType)).OrderBy(g => g.Key.Account, StringComparer.Ordinal))
        {
            var list = series.ToList();
            if (list.Count <= MaxPointsPerSeries)
            {
                points.AddRange(list.Select(r => new HistoryPoint(
                    r.Account, r.CheckType, r.Timestamp, r.Status, r.ResponseTime, r.ResponseTime, r.ResponseTime, 1,
                    r.Status == OutcomeNames.Status.Up ? 1 : 0, r.ErrorMessage)));
                continue;
            }

            foreach (var bucket in list.GroupBy(r => (r.Timestamp - since) / bucketMs))
            {
                var times = bucket.Where(r => r.ResponseTime is not null).Select(r => r.ResponseTime!.Value).ToList();
                var up = bucket.Count(r => r.Status == OutcomeNames.Status.Up);
                points.Add(new HistoryPoint(
                    series.Key.Account, series.Key.CheckType, since + bucket.Key * bucketMs,
                    up == bucket.Count() ? OutcomeNames.Status.Up : OutcomeNames.Status.Down,
                    times.Count > 0 ? (int)Math.Round(times.Average()) : null,
                    times.Count > 0 ? times.Min() : null,
                    times.Count > 0 ? times.Max() : null,
                    bucket.Count(), up,
                    bucket.LastOrDefault(r => r.ErrorMessage is not null)?.ErrorMessage));
            }
        }

        return points;
    }

    public async Task<IReadOnlyList<IncidentDto>> IncidentsAsync(int limit, string? account, string? checkType, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Incidents.AsNoTracking();
        if (account is not null)
        {
            query = query.Where(i => i.Account == account);
        }

        if (checkType is not null)
        {
            query = query.Where(i => i.CheckType == checkType);
        }

        // Open incidents first, then the most recent.
        return await query
            .OrderBy(i => i.EndTime == null ? 0 : 1)
            .ThenByDescending(i => i.StartTime)
            .Take(limit)
            .Select(i => new IncidentDto(i.Id, i.Account, i.CheckType, i.Kind, i.StartTime, i.EndTime, i.Duration, i.Details))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CheckStats>> StatsAsync(
        int hours, string? account, string? checkType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddHours(-hours).ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Window(db, since, account, checkType)
            .Select(h => new { h.Account, h.CheckType, h.Status, h.ResponseTime })
            .ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.StartTime >= since || i.EndTime == null || i.EndTime >= since)
            .Select(i => new { i.Account, i.CheckType, i.Duration })
            .ToListAsync(cancellationToken);

        return rows
            .GroupBy(r => (r.Account, r.CheckType))
            .OrderBy(g => g.Key.Account, StringComparer.Ordinal)
            .ThenBy(g => CheckType.OrderOf(g.Key.CheckType))
            .Select(g =>
            {
                var times = g.Where(r => r.ResponseTime is not null).Select(r => r.ResponseTime!.Value).Order().ToList();
                var up = g.Count(r => r.Status == OutcomeNames.Status.Up);
                var mine = incidents.Where(i => i.Account == g.Key.Account && i.CheckType == g.Key.CheckType).ToList();
                var closed = mine.Where(i => i.Duration is not null).Select(i => i.Duration!.Value).ToList();
                return new CheckStats(
                    g.Key.Account, g.Key.CheckType, g.Count(), up, Math.Round(100.0 * up / g.Count(), 3),
                    times.Count > 0 ? (int)Math.Round(times.Average()) : null,
                    Percentile(times, 50), Percentile(times, 95), Percentile(times, 99),
                    times.Count > 0 ? times[0] : null, times.Count > 0 ? times[^1] : null,
                    mine.Count, closed.Count > 0 ? (long)closed.Average() : null);
            })
            .ToList();
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static int? Percentile(IReadOnlyList<int> sorted, int p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static IQueryable<HealthCheckRecord> Window(AmoHealthDbContext db, long since, string? account, string? checkType)
    {
        var query = db.HealthChecks.AsNoTracking().Where(h => h.Timestamp >= since);
        if (account is not null)
        {
            query = query.Where(h => h.Account == account);
        }

        if (checkType is not null)
        {
            query = query.Where(h => h.CheckType == checkType);
        }

        return query;
    }
}
