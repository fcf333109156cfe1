using System.Data.Common;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;

namespace AmoHealth.Core.Slo;

/// <summary>Minutes by class per account's check over windows ending now, from the rollups (never the raw rows): what
/// budgets, burn rates and uptime by time are computed from.</summary>
public static class SloTallies
{
    /// <summary>For each window in <paramref name="windows"/> (ending at <paramref name="now"/>), each account's
    /// check's tally; a check with no rollup in a window has none there (read it as <c>default</c>).</summary>
    public static async Task<IReadOnlyDictionary<(string Account, string CheckType), MinuteTally[]>> ReadAsync(
        DbConnection connection, DateTimeOffset now, IReadOnlyList<TimeSpan> windows, string? account,
        RetentionOptions retention, CancellationToken cancellationToken)
    {
        var tallies = new Dictionary<(string, string), MinuteTally[]>();
        var end = now.ToUnixTimeMilliseconds();
        for (var i = 0; i < windows.Count; i++)
        {
            var from = (now - windows[i]).ToUnixTimeMilliseconds();
            foreach (var series in await RollupQuery.SummarizeAsync(
                connection, from, end, account, null, retention, end, cancellationToken))
            {
                if (!tallies.TryGetValue((series.Account, series.CheckType), out var row))
                {
                    tallies[(series.Account, series.CheckType)] = row = new MinuteTally[windows.Count];
                }

                row[i] = series.Minutes;
            }
        }

        return tallies;
    }

    /// <summary>A window's short name: <c>5m</c>, <c>1h</c>, <c>3d</c>.</summary>
    public static string Label(TimeSpan window) =>
        window.TotalDays >= 1 && window.TotalDays == Math.Floor(window.TotalDays) ? $"{window.TotalDays:0}d"
        : window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours) ? $"{window.TotalHours:0}h"
        : $"{window.TotalMinutes:0}m";
}
