namespace AmoHealth.Core.Alerting;

/// <summary>The uptime, incidents and p95 per check of one account from <paramref name="Since"/> to
/// <paramref name="Until"/> (a day).</summary>
public sealed record DailySummary(
    string Account,
    IReadOnlyList<(string CheckType, double Uptime, int Incidents, int? P95)> Rows,
    DateTimeOffset Since,
    DateTimeOffset Until) : AlertEvent(Account);
