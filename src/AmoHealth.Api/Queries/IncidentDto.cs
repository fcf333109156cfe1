namespace AmoHealth.Api.Queries;

/// <summary>One incident of <c>GET /api/incidents</c>: times in Unix ms, <c>endTime</c> null while open;
/// <c>acknowledgedBy</c>/<c>acknowledgedAt</c> who took it and when (null while nobody has), <c>escalationStep</c> the
/// escalations sent so far.</summary>
public sealed record IncidentDto(
    long Id, string Account, string CheckType, string Kind, long StartTime, long? EndTime, long? Duration,
    string? Details, string? AcknowledgedBy, long? AcknowledgedAt, int EscalationStep);
