using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Alerting;

/// <summary>An incident opened (its <see cref="IncidentRecord.Kind"/>), on the result that confirmed it.</summary>
public sealed record IncidentOpened(IncidentRecord Incident, ProbeResult Trigger) : AlertEvent(Incident.Account);
