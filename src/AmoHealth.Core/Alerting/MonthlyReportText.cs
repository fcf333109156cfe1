using System.Globalization;
using AmoHealth.Core.Reports;

namespace AmoHealth.Core.Alerting;

/// <summary>The 📊 monthly post: one line per check of the account, the accounting in a line, the report's link.
/// </summary>
public static class MonthlyReportText
{
    /// <summary>The check column the post is filed under.</summary>
    public const string Check = "REPORT";

    public static string Compose(IAlertLanguage l, MonthlyReportReady ready)
    {
        var report = ready.Report;
        var lines = new List<string>
        {
            l.MonthlyReportTitle(ready.Account, ReportLanguages.For(l.Code).MonthName(report.Month)),
        };
        lines.AddRange(report.Checks.Where(c => c.Account == ready.Account).Select(c => l.MonthlyReportLine(
            l.CheckName(c.CheckType),
            Percent(c.Uptime, "0.###"),
            c.IncidentCount,
            c.Mttr is { } mttr ? AlertFormat.Duration(TimeSpan.FromSeconds(Math.Round(mttr.TotalSeconds)), l) : "—",
            l.MonthlyReportSlo(Percent(c.Objective.Target, "0.###"), c.Met),
            Percent(c.BudgetSpent, "0.#"))));
        lines.Add(l.MonthlyReportAccounting);
        if (ready.Link is { } link)
        {
            lines.Add(l.MonthlyReportLink(link));
        }

        return AlertFormat.Finish(lines, null, l);
    }

    private static string Percent(double? fraction, string format) =>
        fraction is { } f ? (100 * f).ToString(format, CultureInfo.InvariantCulture) + "%" : "—";
}
