using System.Globalization;

namespace AmoHealth.Api.Public;

/// <summary>How public formats write numbers and times: uptime as a percent with up to three decimals (never rounded up
/// to 100 %), durations in hours and minutes, times in the team's zone.</summary>
public static class PublicFormat
{
    /// <summary><c>99.95 %</c>; <paramref name="labels"/>' "not measured" when nothing was judged. A fraction below 1
    /// never prints as 100 %: it is cut, not rounded.</summary>
    public static string Uptime(double? uptime, PublicLabels labels) =>
        uptime is not { } value ? labels.NotMeasured : Percent(value) + "\u00a0%";

    /// <summary>The percent figure alone, e.g. <c>99.953</c> or <c>100</c>.</summary>
    public static string Percent(double uptime)
    {
        var truncated = Math.Floor(uptime * 100_000) / 1_000;
        return truncated.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary><c>1 h 5 min</c> / <c>1 ч 5 мин</c>; under a minute reads as 1 min.</summary>
    public static string Duration(TimeSpan duration, PublicLabels labels)
    {
        var minutes = Math.Max(1, (long)Math.Ceiling(duration.TotalMinutes));
        var (hours, rest) = (minutes / 60, minutes % 60);
        var text = new List<string>(2);
        if (hours > 0)
        {
            text.Add($"{hours.ToString(CultureInfo.InvariantCulture)}\u00a0{labels.Hours}");
        }

        if (rest > 0 || hours == 0)
        {
            text.Add($"{rest.ToString(CultureInfo.InvariantCulture)}\u00a0{labels.Minutes}");
        }

        return string.Join(' ', text);
    }

    /// <summary>The local date and time in <paramref name="zone"/>: <c>2026-12-06 14:05</c>.</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The local time of day in <paramref name="zone"/>: <c>14:05</c>.</summary>
    public static string Clock(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A day as the bars' titles write it: <c>2026-12-06</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The team's zone by its IANA id, as <c>Alerts:TimeZone</c> names it (validated at start).</summary>
    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
