using System.Text;
using AmoHealth.Api.OnCall;
using AmoHealth.Api.Reports;
using AmoHealth.Core.Alerting;
using AmoHealth.Core.Reports;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Apis;

public static class ReportsApi
{
    /// <summary>Maps <c>GET /api/reports/monthly</c> onto <paramref name="api"/> (the <c>/api</c> group).</summary>
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports");
        group.MapGet("/monthly", GetMonthlyAsync)
            .WithSummary("Monthly report: uptime by time, incidents, MTTR, p95 and SLO per check")
            .WithDescription("A calendar `month` (YYYY-MM, default the last full month) in the team's zone " +
                "(`Alerts:TimeZone`), for one `account` or all. Uptime = good minutes ÷ (good + bad minutes); " +
                "a minute is bad when any probe of the check in it got amoCRM's down verdict; maintenance minutes " +
                "and minutes without amoCRM's verdict (429/403/401/402, AmoHealth's own fault) count neither way. " +
                "`format=json` (default), `html` (a printable page, `lang=ru|en`) or `csv` (a download).");
        group.MapGet("/monthly.css", () => TypedResults.Text(MonthlyReportPage.Style, "text/css"))
            .ExcludeFromDescription();
        return group;
    }

    public static async Task<Results<Ok<MonthlyReportDto>, ContentHttpResult, FileContentHttpResult,
        ProblemHttpResult>> GetMonthlyAsync(
        StoreConnections connections, IOptions<TeamOptions> team, IOptions<SloOptions> slo,
        IOptions<StorageOptions> storage, IConfiguration configuration, TimeProvider time, HttpResponse response,
        string? month, string? account, string? format, string? lang, CancellationToken cancellationToken)
    {
        var zone = TeamZone.Find(team.Value.TimeZone) ?? TimeZoneInfo.Utc;
        var now = time.GetUtcNow();
        var current = ReportMonth.Of(now, zone);
        var wanted = string.IsNullOrEmpty(month) ? current.Previous : ReportMonth.Parse(month);
        if (wanted is not { } chosen)
        {
            return QueryParameters.Invalid("month", "'month' must be a calendar month written YYYY-MM (2026-11).");
        }

        if (chosen > current)
        {
            return QueryParameters.Invalid("month", $"'month' {chosen} has not begun in {zone.Id}: ask for {current} " +
                "or earlier.");
        }

        if (format is not (null or "" or "json" or "html" or "csv"))
        {
            return QueryParameters.Invalid("format", "'format' must be json, html or csv.");
        }

        if (!string.IsNullOrEmpty(lang) && ReportLanguages.Find(lang) is null)
        {
            return QueryParameters.Invalid("lang", "'lang' must be ru or en.");
        }

        var language = ReportLanguages.For(string.IsNullOrEmpty(lang) ? configuration["Alerts:Language"] : lang);
        MonthlyReport report;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            report = await MonthlyReportBuilder.BuildAsync(connection, chosen, zone,
                string.IsNullOrEmpty(account) ? null : account, slo.Value, storage.Value.Retention, now,
                cancellationToken);
        }

        switch (format)
        {
            case "csv":
                return TypedResults.File(Encoding.UTF8.GetBytes(MonthlyReportCsv.Write(report)), Csv.ContentType,
                    MonthlyReportCsv.FileName(chosen));
            case "html":
                response.Headers.ContentSecurityPolicy = MonthlyReportPage.ContentSecurityPolicy;
                response.Headers.XContentTypeOptions = "nosniff";
                return TypedResults.Content(MonthlyReportPage.Render(report, language), "text/html; charset=utf-8");
            default:
                return TypedResults.Ok(MonthlyReportDtos.From(report, language));
        }
    }
}
