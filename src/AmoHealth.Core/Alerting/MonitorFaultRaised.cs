using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Alerting;

/// <summary>
/// Checks of an account fail by AmoHealth's own fault past the settling time. <paramref name="Kind"/> and
/// <paramref name="Reason"/> are the triggering result's: the kind picks the remedy, the reason is the detail.
/// </summary>
public sealed record MonitorFaultRaised(
    string Account,
    string CheckType,
    IReadOnlyList<string> Checks,
    FailureKind Kind,
    string? Reason,
    DateTimeOffset Since) : AlertEvent(Account);
