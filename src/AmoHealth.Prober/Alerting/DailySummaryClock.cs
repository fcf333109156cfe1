using System.Globalization;

namespace AmoHealth.Prober.Alerting;

/// <summary>When the daily summary is due: at <c>Alerts:DailySummaryHour</c> in the team's zone (default 9), or at
/// the older <c>Alerts:DailySummaryHourUtc</c> when only that is set. A summary is named by the team's date of the
/// moment it was due, so it goes once a day, DST or not.</summary>
public static class DailySummaryClock
{
    public const int DefaultHour = 9;

    /// <summary>The team's date ("yyyy-MM-dd") of the newest summary due at or before <paramref name="now"/>, or null
    /// when summaries are off.</summary>
    public static string? DueDay(AlertOptions settings, DateTimeOffset now)
    {
        var zone = settings.Zone();
        DateTime day;
        if (settings.DailySummaryHour is null && settings.DailySummaryHourUtc is { } utcHour)
        {
            if (utcHour < 0)
            {
                return null;
            }

            var due = new DateTimeOffset(now.UtcDateTime.Date.AddHours(utcHour), TimeSpan.Zero);
            day = TimeZoneInfo.ConvertTime(due > now ? due.AddDays(-1) : due, zone).Date;
        }
        else
        {
            var hour = settings.DailySummaryHour ?? DefaultHour;
            if (hour < 0)
            {
                return null;
            }

            var local = TimeZoneInfo.ConvertTime(now, zone);
            day = local.Hour >= hour ? local.Date : local.Date.AddDays(-1);
        }

        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

}
