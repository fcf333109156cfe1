namespace AmoHealth.Core.Alerting;

/// <summary>One alert as the outbox stores it, one row per channel; an incident's alerts leave in order.</summary>
public sealed record OutboxMessage(string Account, string CheckType, long? IncidentId, string Kind, string Text);
