namespace AmoHealth.Core.Slo;

/// <summary>A multi-window burn-rate rule: it fires when both the long and the short window burn the budget at least
/// <see cref="Factor"/> times as fast as the SLO allows, and clears when either no longer does.</summary>
public sealed record BurnRule(string Name, string Severity, double Factor, TimeSpan Long, TimeSpan Short);
