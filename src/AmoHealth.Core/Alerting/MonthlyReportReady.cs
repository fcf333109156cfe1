using AmoHealth.Core.Reports;

namespace AmoHealth.Core.Alerting;

/// <summary>Last month's report of one account is due on the 1st; <paramref name="Link"/> is its HTML page when
/// <c>PUBLIC_URL</c> is set.</summary>
public sealed record MonthlyReportReady(string Account, MonthlyReport Report, string? Link) : AlertEvent(Account);
