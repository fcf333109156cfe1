using System.Data.Common;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Queries;

/// <summary>Uptime (by count and by time over the monitored span), latency percentiles, incidents by kind and MTTR per
/// check, from the rollups.</summary>
public sealed class StatsReader(StoreConnections connections, IOptions<StorageOptions> storage, TimeProvider time)
{
    public async Task<IReadOnlyList<CheckStats>> StatsAsync(
        TimeWindow window, string? account, string? checkType, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var series = await RollupQuery.SummarizeAsync(connection, window.From, window.To, account, checkType,
            storage.Value.Retention, now, cancellationToken);
        var incidents = await IncidentsAsync(connection, window, account, checkType, cancellationToken);
        var spans = await MonitoredSpansAsync(connection, window, account, checkType, now, cancellationToken);

        return [.. series
            .OrderBy(s => s.Account, StringComparer.Ordinal)
            .ThenBy(s => CheckType.OrderOf(s.CheckType))
            .Select(s =>
            {
                var mine = incidents.Where(i => i.Account == s.Account && i.CheckType == s.CheckType).ToList();
                // Only outages count as downtime; a 429, a block, a bill or a rejected token are counted apart.
                var outages = mine.Where(i => i.Kind == OutageKind).ToList();
                var closed = outages.Where(i => i.Duration is not null && i.EndTime < window.To)
                    .Select(i => i.Duration!.Value).ToList();
                // Uptime by time is over the span that was monitored: time without data is not up.
                var (from, to) = spans.TryGetValue((s.Account, s.CheckType), out var span) ? span
                    : (window.From, Math.Min(window.To, now));
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
                    IncidentsByKind = mine.GroupBy(i => i.Kind)
                        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                };
            })];
    }

    private const string OutageKind = "down";

    /// <summary>Per account and check, the part of the window that has data: from its first bucket (or the window's
    /// start) to the end of its last bucket (or now). Read from the hour rollups (days when hours are gone), then,
    /// where minutes are still kept, each end refined within its hour from the minute rollups of just that hour: a day
    /// for 50 accounts reads a few thousand rows instead of every minute of the window.</summary>
    private async Task<Dictionary<(string Account, string CheckType), (long From, long To)>> MonitoredSpansAsync(
        DbConnection connection, TimeWindow window, string? account, string? checkType, long now,
        CancellationToken cancellationToken)
    {
        var finest = Resolutions.For(window, now, storage.Value.Retention);
        var coarse = finest == Resolution.Day ? Resolution.Day : Resolution.Hour;
        var ends = (await FirstLastAsync(connection, coarse, coarse.Floor(window.From), window.To, account, checkType,
            cancellationToken))
            .ToDictionary(e => e.Key, e => (First: e.Value.First, Last: e.Value.Last, LastUnit: coarse.Milliseconds()));
        if (finest == Resolution.Minute)
        {
            foreach (var hour in ends.Values.SelectMany(e => new[] { e.First, e.Last }).Distinct().ToList())
            {
                var fine = await FirstLastAsync(
                    connection, Resolution.Minute, Math.Max(hour, Resolution.Minute.Floor(window.From)),
                    Math.Min(hour + coarse.Milliseconds(), window.To),
                    account, checkType, cancellationToken);
                foreach (var (key, minutes) in fine)
                {
                    var e = ends[key];
                    ends[key] = (e.First == hour ? minutes.First : e.First, e.Last == hour ? minutes.Last : e.Last,
                        e.Last == hour ? Resolution.Minute.Milliseconds() : e.LastUnit);
                }
            }
        }

        return ends.ToDictionary(
            e => e.Key,
            e => (Math.Max(window.From, e.Value.First),
                Math.Min(Math.Min(window.To, now), e.Value.Last + e.Value.LastUnit)));
    }

    private static async Task<Dictionary<(string Account, string CheckType), (long First, long Last)>> FirstLastAsync(
        DbConnection connection, Resolution resolution, long from, long to, string? account, string? checkType,
        CancellationToken cancellationToken)
    {
        var sql = new System.Text.StringBuilder("SELECT account, check_type, MIN(bucket), MAX(bucket) FROM " +
            $"{resolution.Table()} WHERE bucket >= @from AND bucket < @to");
        await using var command = connection.Command(string.Empty).With("@from", from).With("@to", to)
            .Filter(sql, "account", "@account", account).Filter(sql, "check_type", "@check", checkType);
        command.CommandText = sql.Append(" GROUP BY account, check_type").ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<(string Account, string CheckType), (long First, long Last)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)), (reader.GetInt64(2), reader.GetInt64(3)));
        }

        return rows;
    }

    private static async Task<List<(string Account, string CheckType, string Kind, long StartTime, long? EndTime,
        long? Duration)>> IncidentsAsync(
        DbConnection connection, TimeWindow window, string? account, string? checkType,
        CancellationToken cancellationToken)
    {
        await using var command = IncidentFilter.Overlapping(connection,
            "account, check_type, kind, start_time, end_time, duration", window, account, checkType);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var incidents = new List<(string, string, string, long, long?, long?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            incidents.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.GetNullableInt64(4), reader.GetNullableInt64(5)));
        }

        return incidents;
    }
}
