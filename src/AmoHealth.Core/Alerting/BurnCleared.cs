using AmoHealth.Core.Slo;

namespace AmoHealth.Core.Alerting;

/// <summary>✅ a page rule that fired at <see cref="OpenedAt"/> no longer does (one window burns slower than its
/// factor); <see cref="AcknowledgedBy"/> took it, if anybody did.</summary>
public sealed record BurnCleared(
    string Account,
    string CheckType,
    BurnRule Rule,
    DateTimeOffset OpenedAt,
    DateTimeOffset At,
    string? AcknowledgedBy) : AlertEvent(Account);
