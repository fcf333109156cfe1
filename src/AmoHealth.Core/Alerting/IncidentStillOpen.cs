using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Alerting;

/// <summary>An incident is still open when its reminder is due.</summary>
public sealed record IncidentStillOpen(IncidentRecord Incident, DateTimeOffset At) : AlertEvent(Incident.Account);
