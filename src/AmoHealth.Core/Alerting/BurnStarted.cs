using AmoHealth.Core.Slo;

namespace AmoHealth.Core.Alerting;

/// <summary>🔥 a page rule fired: both its windows burn <see cref="Objective"/>'s budget at least
/// <see cref="BurnRule.Factor"/> times as fast as allowed. <see cref="Budget"/> is over the SLO window;
/// <see cref="IncidentOpen"/> says the check's incident is open meanwhile (the burn is then its minutes).</summary>
public sealed record BurnStarted(
    SloObjective Objective,
    BurnRule Rule,
    double LongBurn,
    double ShortBurn,
    ErrorBudget Budget,
    bool IncidentOpen,
    DateTimeOffset At) : AlertEvent(Objective.Account);
