using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Alerting;

/// <summary>Nobody acknowledged an open incident: escalation <paramref name="Step"/> of <paramref name="Steps"/> is
/// due at <paramref name="At"/>.</summary>
public sealed record IncidentEscalated(IncidentRecord Incident, int Step, int Steps, DateTimeOffset At)
    : AlertEvent(Incident.Account);
