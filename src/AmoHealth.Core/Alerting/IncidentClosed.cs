using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Alerting;

/// <summary>An incident closed; its end and duration are set.</summary>
public sealed record IncidentClosed(IncidentRecord Incident) : AlertEvent(Incident.Account);
