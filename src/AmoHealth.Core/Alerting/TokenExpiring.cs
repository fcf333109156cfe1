namespace AmoHealth.Core.Alerting;

/// <summary>The account's token expires within a warning threshold.</summary>
public sealed record TokenExpiring(string Account, DateTimeOffset ExpiresAt, int DaysLeft) : AlertEvent(Account);
