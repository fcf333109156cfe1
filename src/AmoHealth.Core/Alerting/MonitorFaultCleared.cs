namespace AmoHealth.Core.Alerting;

/// <summary>The checks a <see cref="MonitorFaultRaised"/> named all work again.</summary>
public sealed record MonitorFaultCleared(
    string Account, string CheckType, IReadOnlyList<string> Checks, DateTimeOffset Since, DateTimeOffset Until)
    : AlertEvent(Account);
