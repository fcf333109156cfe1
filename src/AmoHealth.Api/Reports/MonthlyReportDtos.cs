using AmoHealth.Core.Checks;
using AmoHealth.Core.Reports;

namespace AmoHealth.Api.Reports;

/// <summary>A built report as the API answers it: Unix milliseconds, percent targets, kinds by name.</summary>
public static class MonthlyReportDtos
{
    public static MonthlyReportDto From(MonthlyReport report, IReportLanguage language)
    {
        var minutes = report.Minutes;
        return new MonthlyReportDto(
            report.Month.ToString(), report.TimeZone, report.From.ToUnixTimeMilliseconds(),
            report.To.ToUnixTimeMilliseconds(), report.GeneratedAt.ToUnixTimeMilliseconds(), report.Complete,
            report.Account, language.Code, [.. report.Checks.Select(Check)],
            new MonthlyAccountingDto(language.Definition, minutes.Maintenance, minutes.Excluded, report.NoDataMinutes,
                report.OtherIncidents, ReportNotes.For(report, language)));
    }

    /// <summary>A target fraction as the percent it was configured as (0.999 → 99.9).</summary>
    public static double Percent(double fraction) => Math.Round(fraction * 100, 6);

    private static MonthlyCheckDto Check(CheckReport c) => new(
        c.Account, c.CheckType, c.Uptime, c.Minutes.Good, c.Minutes.Bad, c.Minutes.Excluded, c.Minutes.Maintenance,
        c.NoDataMinutes, c.IncidentCount, c.Outages,
        [.. c.Incidents.Select(k => new IncidentKindCountDto(k.Kind.ToName(), k.Count))],
        c.Mttr is { } mttr ? (long)mttr.TotalMilliseconds : null, c.P95Ms, Percent(c.Objective.Target), c.Met,
        Math.Round(c.Budget.AllowedMinutes, 3), c.BudgetSpent is { } spent ? Math.Round(spent * 100, 3) : null);
}
