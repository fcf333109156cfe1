namespace AmoHealth.Api.Queries;

/// <summary>
/// One account's check over the window of <c>GET /api/stats</c>. <c>uptime</c> is by count: the share of
/// results that were up (a slow but correct answer counts as up), in percent.
/// </summary>
public sealed record CheckStats(
    string Account,
    string CheckType,
    int Total,
    int Up,
    double Uptime,
    int? Avg,
    int? P50,
    int? P95,
    int? P99,
    int? Min,
    int? Max,
    int Incidents,
    long? Mttr);
