namespace AmoHealth.Api.Reports;

/// <summary>Incidents of one kind (<c>down</c>, <c>auth_failed</c>, <c>throttled</c>, <c>blocked</c>,
/// <c>billing</c>) that started in the month.</summary>
public sealed record IncidentKindCountDto(string Kind, int Count);
