namespace AmoHealth.Api.Queries;

/// <summary><c>GET /api/incidents/{id}</c>: the incident and its timeline, oldest entry first.</summary>
public sealed record IncidentDetailDto(IncidentDto Incident, IReadOnlyList<TimelineEntryDto> Timeline);
