using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage.Rollups;

namespace AmoHealth.Core.Reports;

/// <summary>One account's check over a month: its minutes by class, the incidents that started in it, how long
/// outages took to mend, p95, and the SLO it was held to.</summary>
/// <param name="NoDataMinutes">Minutes of the month (up to now) without any result.</param>
/// <param name="Mttr">The mean duration of the closed outage (<c>down</c>) incidents that started in the month.
/// </param>
/// <param name="P95Ms">Of amoCRM's answers (not 429/403/401/402, not our own faults), within 1 %.</param>
public sealed record CheckReport(
    string Account,
    string CheckType,
    MinuteTally Minutes,
    int NoDataMinutes,
    IReadOnlyList<KindCount> Incidents,
    TimeSpan? Mttr,
    int? P95Ms,
    SloObjective Objective)
{
    public int IncidentCount => Incidents.Sum(c => c.Count);

    /// <summary>Incidents amoCRM's own <c>down</c> verdicts opened; the other kinds are amoCRM answering.</summary>
    public int Outages => Incidents.Where(c => c.Kind == Outcome.Down).Sum(c => c.Count);

    public double? Uptime => Minutes.Uptime;

    /// <summary>The month's budget: the target's share of the month's minutes so far, less maintenance and
    /// not-measured ones.</summary>
    public ErrorBudget Budget => Objective.Budget(Minutes, TimeSpan.FromMinutes(
        Minutes.Judged + Minutes.Excluded + Minutes.Maintenance + NoDataMinutes));

    /// <summary>Whether the target was met, when the minutes nobody probed cannot change the answer: missed when the
    /// bad minutes alone overspend the budget, met when even every unprobed minute being bad would not; else null
    /// (not measured enough to say).</summary>
    public bool? Met =>
        !Budget.Met ? false
        : Minutes.Judged > 0 && Budget.SpentMinutes + NoDataMinutes <= Budget.AllowedMinutes ? true
        : null;

    /// <summary>Bad minutes over the minutes the target allowed (1 = all of it); null when none were allowed.</summary>
    public double? BudgetSpent => Minutes.Judged > 0 && Budget.AllowedMinutes > 0
        ? Budget.SpentMinutes / Budget.AllowedMinutes : null;
}
