namespace AmoHealth.Prober.Alerting;

/// <summary>Section <c>Reports</c>: the monthly report posted to the alert channels.</summary>
public sealed class ReportOptions
{
    public const string SectionName = "Reports";

    /// <summary>Post last month's report (uptime by time, incidents, MTTR, SLO met, budget spent per check) to the
    /// alert channels on the 1st at <c>Alerts:DailySummaryHour</c> in the team's zone, one message per account.
    /// Default false.</summary>
    public bool MonthlyPost { get; set; }
}
