using System.Globalization;
using System.Text;
using AmoHealth.Api.Apis;
using AmoHealth.Core.Reports;

namespace AmoHealth.Api.Reports;

/// <summary>The report as CSV: a header row, then one row per account's check; numbers invariant, percents as
/// numbers, empty where there is no value.</summary>
public static class MonthlyReportCsv
{
    public const string Header = "month,account,check_type,uptime_percent,good_minutes,bad_minutes,excluded_minutes,"
        + "maintenance_minutes,no_data_minutes,incidents,outages,mttr_ms,p95_ms,slo_target_percent,slo_met,"
        + "budget_minutes,budget_spent_percent";

    public static string FileName(ReportMonth month) => $"amohealth-{month}.csv";

    public static string Write(MonthlyReport report)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var c in report.Checks)
        {
            csv.AppendJoin(',',
                report.Month.ToString(), Csv.Text(c.Account), Csv.Text(c.CheckType),
                Number(c.Uptime is { } uptime ? Math.Round(uptime * 100, 4) : null),
                Csv.Number(c.Minutes.Good), Csv.Number(c.Minutes.Bad), Csv.Number(c.Minutes.Excluded),
                Csv.Number(c.Minutes.Maintenance), Csv.Number(c.NoDataMinutes), Csv.Number(c.IncidentCount),
                Csv.Number(c.Outages), Csv.Number(c.Mttr is { } mttr ? (long)mttr.TotalMilliseconds : null),
                Csv.Number(c.P95Ms), Number(MonthlyReportDtos.Percent(c.Objective.Target)),
                c.Met switch { true => "true", false => "false", null => string.Empty },
                Number(Math.Round(c.Budget.AllowedMinutes, 3)),
                Number(c.BudgetSpent is { } spent ? Math.Round(spent * 100, 3) : null));
            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";
}
