namespace AmoHealth.Api.Reports;

/// <summary>A calendar month of every check in the team's zone (<c>GET /api/reports/monthly</c>).</summary>
/// <param name="Month">"2026-11".</param>
/// <param name="TimeZone">The team's zone (<c>Alerts:TimeZone</c>) the month's bounds are midnights of.</param>
/// <param name="From">The month's first moment, Unix ms.</param>
/// <param name="To">The next month's first moment, Unix ms (the month is [from, to)).</param>
/// <param name="Complete">False while the month is still going on.</param>
/// <param name="Account">The account asked for; null: every account.</param>
/// <param name="Language">The language of the notes (<c>ru</c> or <c>en</c>).</param>
public sealed record MonthlyReportDto(
    string Month,
    string TimeZone,
    long From,
    long To,
    long GeneratedAt,
    bool Complete,
    string? Account,
    string Language,
    IReadOnlyList<MonthlyCheckDto> Checks,
    MonthlyAccountingDto Accounting);
