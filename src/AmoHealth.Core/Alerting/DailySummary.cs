namespace AmoHealth.Core.Alerting;

/// <summary>The day's uptime, incidents and p95 per check of one account.</summary>
public sealed record DailySummary(
    string Account,
    IReadOnlyList<(string CheckType, double Uptime, int Incidents, int? P95)> Rows) : AlertEvent(Account);
