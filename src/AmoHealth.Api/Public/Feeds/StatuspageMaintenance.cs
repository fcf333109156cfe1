namespace AmoHealth.Api.Public.Feeds;

/// <summary>Statuspage's scheduled maintenance: times only (a window's reason is written for the team); status
/// scheduled or in_progress, impact maintenance.</summary>
public sealed record StatuspageMaintenance(
    string Id,
    string Name,
    string Status,
    string CreatedAt,
    string UpdatedAt,
    string? MonitoringAt,
    string? ResolvedAt,
    string Impact,
    string Shortlink,
    string StartedAt,
    string PageId,
    IReadOnlyList<StatuspageIncidentUpdate> IncidentUpdates,
    IReadOnlyList<StatuspageComponent> Components,
    string ScheduledFor,
    string ScheduledUntil);
