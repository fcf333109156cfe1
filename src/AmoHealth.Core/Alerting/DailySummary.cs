namespace AmoHealth.Core.Alerting;

/// <summary>The uptime, incidents and p95 per check of one account from <paramref name="Since"/> to
/// <paramref name="Until"/> (a day); with SLOs, each check's budget left (<paramref name="Budgets"/>: percent of the
/// budget, minutes, target percent) and the open tickets (<paramref name="Tickets"/>: the burn-rate rule that only
/// reports here, since when).</summary>
public sealed record DailySummary(
    string Account,
    IReadOnlyList<(string CheckType, double Uptime, int Incidents, int? P95)> Rows,
    DateTimeOffset Since,
    DateTimeOffset Until,
    IReadOnlyList<(string CheckType, double LeftPercent, double LeftMinutes, double TargetPercent)>? Budgets = null,
    IReadOnlyList<(string CheckType, DateTimeOffset Since)>? Tickets = null) : AlertEvent(Account);
