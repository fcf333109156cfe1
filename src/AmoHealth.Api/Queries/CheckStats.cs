namespace AmoHealth.Api.Queries;

/// <summary>
/// One account's check over the window of <c>GET /api/stats</c>, from the rollups.
/// <c>uptime</c> is by count: the share of results that were up (a slow but correct answer counts as up).
/// <c>uptimeByTime</c> is by time: the share of the window not inside a confirmed incident (a single failed
/// probe that the re-checks cleared does not count). Percentiles are within 1 % of the exact value; avg,
/// min and max are exact. <c>mttr</c> is the mean duration of incidents closed in the window, in ms.
/// </summary>
public sealed record CheckStats(
    string Account,
    string CheckType,
    int Total,
    int Up,
    double Uptime,
    double UptimeByTime,
    int? Avg,
    int? P50,
    int? P95,
    int? P99,
    int? Min,
    int? Max,
    int Incidents,
    long? Mttr);
