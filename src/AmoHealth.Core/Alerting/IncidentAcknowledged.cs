using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Alerting;

/// <summary><paramref name="By"/> took an open incident at <paramref name="At"/>.</summary>
public sealed record IncidentAcknowledged(IncidentRecord Incident, string By, DateTimeOffset At)
    : AlertEvent(Incident.Account);
