namespace AmoHealth.Api.Reports;

/// <summary>One account's check over the month.</summary>
/// <param name="Uptime">Uptime by time, 0..1: good ÷ (good + bad) minutes; null when no minute was judged.</param>
/// <param name="ExcludedMinutes">Minutes without amoCRM's verdict (429, 403, 401, 402, AmoHealth's own fault).
/// </param>
/// <param name="NoDataMinutes">Minutes of the month (so far) without any result.</param>
/// <param name="Incidents">Incidents that started in the month, of every kind.</param>
/// <param name="Outages">Of them, amoCRM's outages (kind <c>down</c>).</param>
/// <param name="MttrMs">Mean duration of the closed outages that started in the month, ms.</param>
/// <param name="P95Ms">p95 response time of amoCRM's answers, ms (within 1 %).</param>
/// <param name="Target">The SLO target, percent.</param>
/// <param name="Met">Whether the target was met; null when no minute was judged.</param>
/// <param name="BudgetMinutes">Bad minutes the target allows over the month's judged minutes.</param>
/// <param name="BudgetSpentPercent">Bad minutes ÷ allowed, percent (over 100: overspent); null with none
/// allowed.</param>
public sealed record MonthlyCheckDto(
    string Account,
    string CheckType,
    double? Uptime,
    int GoodMinutes,
    int BadMinutes,
    int ExcludedMinutes,
    int MaintenanceMinutes,
    int NoDataMinutes,
    int Incidents,
    int Outages,
    IReadOnlyList<IncidentKindCountDto> IncidentsByKind,
    long? MttrMs,
    int? P95Ms,
    double Target,
    bool? Met,
    double BudgetMinutes,
    double? BudgetSpentPercent);
