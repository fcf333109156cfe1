using System.Globalization;

namespace AmoHealth.Core.Alerting;

/// <summary>How every alert writes a moment, a span and its last line, whatever the language. Moments are in the
/// team's zone; a message names the zone once, after its last moment (<see cref="Zoned"/>).</summary>
public static class AlertFormat
{
    /// <summary>Mattermost splits longer posts; alerts stay well under its 16,383 runes.</summary>
    private const int MaxLength = 4_000;

    /// <summary>The date and time in the zone, without the zone's name.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(long storedUnixMs, TimeZoneInfo zone) =>
        Time(DateTimeOffset.FromUnixTimeMilliseconds(storedUnixMs), zone);

    /// <summary>The hour and minute in the zone ("03:12"), for a moment of the last hours; with the seconds for one
    /// of the next minutes.</summary>
    public static string Clock(DateTimeOffset at, TimeZoneInfo zone, bool seconds = false) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(seconds ? "HH:mm:ss" : "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A written moment followed by the zone's name: "03:12 (Europe/Moscow)".</summary>
    public static string Zoned(string time, TimeZoneInfo zone) => $"{time} ({zone.Id})";

    /// <summary>Whole minutes, as the "not probing" texts count them.</summary>
    public static int Minutes(TimeSpan span) => (int)Math.Max(0, Math.Floor(span.TotalMinutes));

    public static string Duration(TimeSpan span, IAlertLanguage language)
    {
        var units = language.Units;
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days} {units.Days}");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} {units.Hours}");
        }

        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes} {units.Minutes}");
        }

        parts.Add($"{span.Seconds} {units.Seconds}");
        return string.Join(' ', parts);
    }

    /// <summary>The lines joined, the dashboard's link last, cut to what every channel accepts.</summary>
    public static string Finish(List<string> lines, string? dashboard, IAlertLanguage language)
    {
        if (!string.IsNullOrWhiteSpace(dashboard))
        {
            lines.Add(language.DashboardLink(dashboard));
        }

        var text = string.Join('\n', lines);
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }
}
