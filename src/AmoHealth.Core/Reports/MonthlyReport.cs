using AmoHealth.Core.Storage.Rollups;

namespace AmoHealth.Core.Reports;

/// <summary>A month of every check of one account (or all accounts) in the team's zone, as
/// <see cref="MonthlyReportBuilder"/> read it at <see cref="GeneratedAt"/>.</summary>
public sealed record MonthlyReport(
    ReportMonth Month,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    string? Account,
    IReadOnlyList<CheckReport> Checks)
{
    /// <summary>All checks' minutes: what the accounting notes count.</summary>
    public MinuteTally Minutes => Checks.Aggregate(default(MinuteTally), (sum, c) => sum + c.Minutes);

    public int NoDataMinutes => Checks.Sum(c => c.NoDataMinutes);

    /// <summary>Incidents that were amoCRM answering (a rejected token, 429, 403, 402), not an outage.</summary>
    public int OtherIncidents => Checks.Sum(c => c.IncidentCount - c.Outages);

    /// <summary>False while the month is still going on.</summary>
    public bool Complete => GeneratedAt >= To;
}
