namespace AmoHealth.Api.Queries;

/// <summary>One occurrence of a maintenance window, Unix ms.</summary>
public sealed record MaintenanceOccurrence(long StartsAt, long EndsAt);
