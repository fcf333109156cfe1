namespace AmoHealth.Api.Queries;

/// <summary>One incident of <c>GET /api/incidents</c>: times in Unix ms, <c>endTime</c> null while open.</summary>
public sealed record IncidentDto(
    long Id, string Account, string CheckType, string Kind, long StartTime, long? EndTime, long? Duration,
    string? Details);
