namespace AmoHealth.Core.Alerting;

/// <summary>Results come again after a <see cref="ProbingStopped"/>.</summary>
public sealed record ProbingResumed(string Account, DateTimeOffset LastBefore, DateTimeOffset Newest)
    : AlertEvent(Account);
