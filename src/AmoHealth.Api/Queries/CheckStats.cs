namespace AmoHealth.Api.Queries;

/// <summary>One account's check over the window of <c>GET /api/stats</c>, from the rollups. <c>uptime</c> is by count:
/// the share of results that were up (a slow but correct answer counts as up). <c>uptimeByTime</c> is by time: the
/// share of the monitored part of the window (from the first result to the last, <c>coverage</c> % of the window) not
/// inside a confirmed outage (a single failed probe that the re-checks cleared does not count; time without data is not
/// counted as up). <c>incidents</c> and <c>mttr</c> count outages (kind <c>down</c>) only; <c>incidentsByKind</c>
/// counts every kind (<c>throttled</c>, <c>blocked</c>, <c>billing</c>, <c>auth_failed</c> apart). Percentiles are
/// within 1 % of the exact value; avg, min and max are exact.</summary>
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
    long? Mttr)
{
    /// <summary>Share of the window that has results, in %.</summary>
    public double Coverage { get; init; } = 100;

    /// <summary>Always false: uptime figures include the time in maintenance windows (results in them are marked, not
    /// left out), and say so.</summary>
    public bool UptimeExcludesMaintenance { get; init; }

    /// <summary>Incidents overlapping the window, by kind.</summary>
    public IReadOnlyDictionary<string, int> IncidentsByKind { get; init; } = new Dictionary<string, int>();
}
