using AmoHealth.Core.Reports;

namespace AmoHealth.Prober.Alerting;

/// <summary>When a monthly report is due: on the 1st of the next month at <c>Alerts:DailySummaryHour</c> in the team's
/// zone (9 when the summary is off or set in UTC), so it comes with the day's summary, DST or not.</summary>
public static class MonthlyReportClock
{
    /// <summary>The <c>probe_state</c> key (account "") holding the month last posted ("2026-11").</summary>
    public const string PostedKey = "monthly_report_posted";

    /// <summary>The month whose report is the newest one due at or before <paramref name="now"/>.</summary>
    public static ReportMonth DueMonth(AlertOptions settings, DateTimeOffset now)
    {
        var last = ReportMonth.LastFull(now, settings.Zone());
        return now >= DueAt(last, settings) ? last : last.Previous;
    }

    /// <summary>When the report of <paramref name="month"/> is due.</summary>
    public static DateTimeOffset DueAt(ReportMonth month, AlertOptions settings)
    {
        var zone = settings.Zone();
        var hour = settings.DailySummaryHour is { } set and >= 0 ? set : DailySummaryClock.DefaultHour;
        var next = month.Next;
        var local = new DateTime(next.Year, next.Month, 1, hour, 0, 0, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
