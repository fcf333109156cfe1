using System.Data.Common;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;

namespace AmoHealth.Core.Reports;

/// <summary>Builds a <see cref="MonthlyReport"/> from the rollups (whole days and hours, minutes only at edges that are
/// not whole hours) and the incidents table, in plain SQL: the Api serves it, the Prober posts it.</summary>
public static class MonthlyReportBuilder
{
    /// <param name="account">One account, or null for every account with data in the month.</param>
    public static async Task<MonthlyReport> BuildAsync(
        DbConnection connection, ReportMonth month, TimeZoneInfo zone, string? account, SloOptions slo,
        RetentionOptions retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, to) = month.Bounds(zone);
        var (start, end) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var at = now.ToUnixTimeMilliseconds();
        // The query includes the minute holding its end: the month's last minute, not the next month's first.
        var series = (await RollupQuery.SummarizeAsync(
                connection, start, end - 1, account, null, retention, at, cancellationToken))
            .ToDictionary(s => (s.Account, s.CheckType));
        var incidents = await ReportIncidents.ReadAsync(connection, start, end, account, cancellationToken);
        var elapsed = (int)(Math.Max(0, Math.Min(end, at) - start) / 60_000);

        var checks = series.Keys.Union(incidents.Keys)
            .OrderBy(k => k.Account, StringComparer.Ordinal).ThenBy(k => CheckType.OrderOf(k.CheckType))
            .Select(key =>
            {
                var summary = series.GetValueOrDefault(key);
                var minutes = summary?.Minutes ?? default;
                var counted = minutes.Judged + minutes.Excluded + minutes.Maintenance;
                var tally = incidents.GetValueOrDefault(key);
                return new CheckReport(key.Account, key.CheckType, minutes, Math.Max(0, elapsed - counted),
                    tally?.Kinds ?? [], tally?.Mttr, summary?.Percentile(95), slo.For(key.Account, key.CheckType));
            })
            .ToList();
        return new MonthlyReport(month, zone.Id, from, to, now, account, checks);
    }
}
