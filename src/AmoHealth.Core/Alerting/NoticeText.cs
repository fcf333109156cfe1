using System.Globalization;
using static AmoHealth.Core.Alerting.AlertFormat;

namespace AmoHealth.Core.Alerting;

/// <summary>Alerts that are not about one incident: token expiry, a recreated fixture, the summary, silence.</summary>
public static class NoticeText
{
    public static string TokenExpiring(
        IAlertLanguage l, string account, DateTimeOffset expiresAt, int daysLeft, TimeZoneInfo zone) =>
        l.TokenExpiring(account, daysLeft, Zoned(Time(expiresAt, zone), zone));

    public static string TestLeadReplaced(
        IAlertLanguage l, string account, long oldId, long newId, bool wasConfigured) =>
        l.TestLeadReplaced(account, oldId, newId)
        + (wasConfigured ? "\n" + l.TestLeadSetting(oldId, newId) : string.Empty);

    /// <param name="summary">Per check: uptime %, incidents, p95 ms (null without data), and the span.</param>
    public static string DailySummary(IAlertLanguage l, DailySummary summary, string? dashboard, TimeZoneInfo zone)
    {
        var rows = summary.Rows;
        var lines = new List<string>
        {
            l.SummaryTitle(summary.Account),
            l.FromTo(Time(summary.Since, zone), Zoned(Time(summary.Until, zone), zone)),
        };
        lines.AddRange(rows.Select(r =>
            $"{r.CheckType}: {r.Uptime.ToString("0.##", CultureInfo.InvariantCulture)}% · "
            + $"{l.SummaryIncidents(r.Incidents)} · p95: " + (r.P95 is { } p ? $"{p} {l.Milliseconds}" : "—")));
        lines.AddRange((summary.Budgets ?? []).Select(b => l.SummaryBudget(b.CheckType,
            BurnText.Percent(b.LeftPercent), BurnText.Number(b.LeftMinutes), BurnText.Percent(b.TargetPercent))));
        lines.AddRange((summary.Tickets ?? []).Select(t =>
            l.SummaryTicket(t.CheckType, Zoned(Time(t.Since, zone), zone))));
        return Finish(lines, dashboard, l);
    }

    /// <summary>⚠️ no result of <paramref name="subject"/> (an account, or "amoCRM" from the Api) since then.</summary>
    public static string NotProbing(
        IAlertLanguage l, string subject, DateTimeOffset last, DateTimeOffset now, TimeZoneInfo zone) =>
        l.NotProbing(subject, Zoned(Time(last, zone), zone), Minutes(now - last));

    /// <summary>✅ results come again; the gap runs from the last result before the silence to the newest.</summary>
    public static string ProbingAgain(
        IAlertLanguage l, string subject, DateTimeOffset lastBefore, DateTimeOffset firstAfter) =>
        l.ProbingAgain(subject, Minutes(firstAfter - lastBefore));
}
