namespace AmoHealth.Api.Slo;

/// <summary>One account's check against its SLO over the rolling window of <c>windowDays</c> days, counted by time.
/// <c>target</c> is a percent (99.9). A minute is bad when a probe of the check in it got amoCRM's <c>down</c> verdict;
/// <c>uptime</c> (0..1, null when no minute was judged) is good ÷ (good + bad) minutes. Maintenance minutes and minutes
/// without amoCRM's verdict (429/403/401/unpaid, AmoHealth's own fault: <c>excludedMinutes</c>) count neither way.
/// <c>budgetMinutes</c> is the bad minutes the target allows over the judged minutes ((1 − target) × judged),
/// <c>budgetLeftMinutes</c> what is left of it and <c>budgetLeftPercent</c> its share (both negative when overspent);
/// <c>met</c> while bad minutes ≤ budget. <c>burnRates</c> for the burn-rate rules' windows, shortest first;
/// <c>alerts</c> the check's open burn alerts.</summary>
public sealed record SloDto(
    string Account,
    string CheckType,
    double Target,
    int WindowDays,
    int GoodMinutes,
    int BadMinutes,
    int ExcludedMinutes,
    int MaintenanceMinutes,
    double? Uptime,
    double BudgetMinutes,
    double BudgetLeftMinutes,
    double BudgetLeftPercent,
    bool Met,
    IReadOnlyList<BurnRateDto> BurnRates,
    IReadOnlyList<BurnAlertDto> Alerts);
