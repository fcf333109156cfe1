using System.Globalization;

namespace AmoHealth.Core.Alerting;

/// <summary>How every alert writes a moment, a span and its last line, whatever the language.</summary>
internal static class AlertFormat
{
    /// <summary>Mattermost splits longer posts; alerts stay well under its 16,383 runes.</summary>
    private const int MaxLength = 4_000;

    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(long storedUnixMs) => Time(DateTimeOffset.FromUnixTimeMilliseconds(storedUnixMs));

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
