using System.Globalization;
using System.Text;
using AmoHealth.Core.Alerting;
using AmoHealth.Core.Reports;

namespace AmoHealth.Api.Reports;

/// <summary>The report as a standalone printable page: every value escaped, no script, its style a stylesheet of its
/// own (<c>monthly.css</c> next to it: the shipped Nginx site's policy allows no inline style), the accounting under
/// the table.</summary>
public static class MonthlyReportPage
{
    /// <summary>Nothing runs, nothing loads but the page's stylesheet.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Served at <c>/api/reports/monthly.css</c>.</summary>
    public const string Style =
        "body{font:14px/1.45 system-ui,sans-serif;color:#1d2733;margin:0;padding:16px;background:#fff}"
        + "main{max-width:1100px;margin:0 auto}h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px}"
        + ".meta{color:#5b6775;margin:2px 0}.partial{color:#8a5a00}.table{overflow-x:auto}"
        + "table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}"
        + "th,td{border-bottom:1px solid #d8dee6;padding:4px 6px;text-align:right;white-space:nowrap}"
        + "th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}th{font-weight:600;background:#f3f5f8}"
        + ".kinds{display:block;color:#5b6775;font-size:12px}.missed{color:#b3261e;font-weight:600}"
        + "ul{padding-left:20px}li{margin:3px 0}"
        + "@media (max-width:600px){body{padding:8px;font-size:13px}th,td{padding:3px 4px}}"
        + "@media print{body{padding:0}.table{overflow:visible}}";

    public static string Render(MonthlyReport report, IReportLanguage l)
    {
        var alerts = AlertLanguages.For(l.Code);
        var zone = TeamZone.Find(report.TimeZone) ?? TimeZoneInfo.Utc;
        var title = l.Title(l.MonthName(report.Month));
        var html = new StringBuilder("<!DOCTYPE html>\n")
            .Append($"<html lang=\"{l.Code}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\">")
            .Append($"<title>{E(title)}</title><link rel=\"stylesheet\" href=\"monthly.css\"></head><body><main>")
            .Append($"<h1>{E(title)}</h1>")
            .Append($"<p class=\"meta\">{E(l.Columns.Account)}: {E(report.Account ?? l.AllAccounts)}</p>")
            .Append($"<p class=\"meta\">{E(l.Period(Time(report.From, zone), Time(report.To, zone), zone.Id))}</p>");
        if (!report.Complete)
        {
            html.Append($"<p class=\"partial\">{E(l.InProgress)}</p>");
        }

        if (report.Checks.Count == 0)
        {
            html.Append($"<p>{E(l.NoData)}</p>");
        }
        else
        {
            Table(html, report, l, alerts);
        }

        html.Append($"<h2>{E(l.AccountingTitle)}</h2><ul>");
        foreach (var note in ReportNotes.For(report, l))
        {
            html.Append($"<li>{E(note)}</li>");
        }

        return html.Append("</ul>")
            .Append($"<p class=\"meta\">AmoHealth · {E(AlertFormat.Zoned(Time(report.GeneratedAt, zone), zone))}</p>")
            .Append("</main></body></html>\n").ToString();
    }

    private static void Table(StringBuilder html, MonthlyReport report, IReportLanguage l, IAlertLanguage alerts)
    {
        var c = l.Columns;
        html.Append("<div class=\"table\"><table><thead><tr>");
        foreach (var header in new[]
        {
            c.Account, c.Check, c.Uptime, c.Good, c.Bad, c.NotMeasured, c.Maintenance, c.NoResults, c.Incidents,
            c.Mttr, c.P95, c.Target, c.Met, c.Budget,
        })
        {
            html.Append($"<th scope=\"col\">{E(header)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var check in report.Checks)
        {
            var kinds = string.Join(", ", check.Incidents.Select(k => $"{l.KindName(k.Kind)}: {k.Count}"));
            var met = check.Met switch
            {
                true => E(l.Yes),
                false => $"<span class=\"missed\">{E(l.No)}</span>",
                null => "—",
            };
            html.Append("<tr>")
                .Append($"<td>{E(check.Account)}</td><td>{E(alerts.CheckName(check.CheckType))}</td>")
                .Append($"<td>{Percent(check.Uptime, "0.###")}</td><td>{check.Minutes.Good}</td>")
                .Append($"<td>{check.Minutes.Bad}</td><td>{check.Minutes.Excluded}</td>")
                .Append($"<td>{check.Minutes.Maintenance}</td><td>{check.NoDataMinutes}</td>")
                .Append($"<td>{check.IncidentCount}")
                .Append(kinds.Length > 0 ? $"<span class=\"kinds\">{E(kinds)}</span>" : string.Empty).Append("</td>")
                .Append($"<td>{E(Mttr(check.Mttr, alerts))}</td>")
                .Append($"<td>{(check.P95Ms is { } p95 ? $"{p95} {E(alerts.Milliseconds)}" : "—")}</td>")
                .Append($"<td>{Percent(check.Objective.Target, "0.###")}</td><td>{met}</td>")
                .Append($"<td>{Percent(check.BudgetSpent, "0.#")}</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static string Mttr(TimeSpan? mttr, IAlertLanguage alerts) =>
        mttr is { } span ? AlertFormat.Duration(TimeSpan.FromSeconds(Math.Round(span.TotalSeconds)), alerts) : "—";

    private static string Percent(double? fraction, string format) =>
        fraction is { } f ? (100 * f).ToString(format, CultureInfo.InvariantCulture) + " %" : "—";

    private static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The five characters HTML gives meaning to; the rest (÷, Cyrillic) stays readable in the source.
    /// </summary>
    private static string E(string text) => new StringBuilder(text).Replace("&", "&amp;").Replace("<", "&lt;")
        .Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;").ToString();
}
