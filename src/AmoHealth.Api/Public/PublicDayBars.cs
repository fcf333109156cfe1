using System.Data.Common;
using AmoHealth.Core.Storage.Rollups;

namespace AmoHealth.Api.Public;

/// <summary>The 90 daily bars of each check, by day in the team's zone: the day rollups are UTC days, so the bars are
/// summed from the hour rollups, each hour going to the local day it starts in.</summary>
public static class PublicDayBars
{
    public const int Days = 90;

    /// <summary>The first local day of the bars (89 days before today), as an instant: the window's start.</summary>
    public static DateTimeOffset Start(DateTimeOffset now, TimeZoneInfo zone)
    {
        var first = Today(now, zone).AddDays(-(Days - 1));
        var local = first.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>Per check, its 90 days oldest first; every day is there, a day without data with zero minutes.
    /// <paramref name="incidents"/> are counted on the local day they started.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<PublicDay>>> ReadAsync(
        DbConnection connection, string account, TimeZoneInfo zone, DateTimeOffset now,
        IReadOnlyList<PublicIncident> incidents, CancellationToken cancellationToken)
    {
        var today = Today(now, zone);
        var first = today.AddDays(-(Days - 1));
        var from = Resolution.Hour.Floor(Start(now, zone).ToUnixTimeMilliseconds());
        var to = Resolution.Hour.Floor(now.ToUnixTimeMilliseconds()) + Resolution.Hour.Milliseconds();
        var tallies = new Dictionary<string, MinuteTally[]>(StringComparer.Ordinal);
        await foreach (var row in RollupQuery.LevelAsync(
            connection, Resolution.Hour, from, to, account, null, cancellationToken))
        {
            var index = Index(DateTimeOffset.FromUnixTimeMilliseconds(row.Bucket), zone, first);
            if (index is < 0 or >= Days)
            {
                continue;
            }

            if (!tallies.TryGetValue(row.CheckType, out var days))
            {
                tallies[row.CheckType] = days = new MinuteTally[Days];
            }

            days[index] += row.Minutes;
        }

        var started = incidents
            .Select(i => (i.CheckType, Index: Index(i.Start, zone, first)))
            .Where(i => i.Index is >= 0 and < Days)
            .ToLookup(i => (i.CheckType, i.Index));
        return tallies.ToDictionary(
            t => t.Key,
            t => (IReadOnlyList<PublicDay>)[.. Enumerable.Range(0, Days).Select(i => new PublicDay(
                first.AddDays(i), t.Value[i].Good, t.Value[i].Bad, t.Value[i].Excluded, t.Value[i].Maintenance,
                started[(t.Key, i)].Count()))],
            StringComparer.Ordinal);
    }

    /// <summary>90 days without a single minute of data, for a check that has none yet.</summary>
    public static IReadOnlyList<PublicDay> Empty(DateTimeOffset now, TimeZoneInfo zone)
    {
        var first = Today(now, zone).AddDays(-(Days - 1));
        return [.. Enumerable.Range(0, Days).Select(i => new PublicDay(first.AddDays(i), 0, 0, 0, 0, 0))];
    }

    private static int Index(DateTimeOffset at, TimeZoneInfo zone, DateOnly first) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime).DayNumber - first.DayNumber;
}
