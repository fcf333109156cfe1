namespace AmoHealth.Api.Public.Feeds;

/// <summary>Statuspage's incident: <c>status</c> investigating while open, resolved once closed; <c>impact</c> major
/// for down, minor for degraded.</summary>
public sealed record StatuspageIncident(
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
    IReadOnlyList<StatuspageComponent> Components);

/// <summary>One update of an incident, newest first as Statuspage lists them.</summary>
public sealed record StatuspageIncidentUpdate(
    string Id,
    string Status,
    string Body,
    string IncidentId,
    string CreatedAt,
    string UpdatedAt,
    string DisplayAt,
    IReadOnlyList<StatuspageAffectedComponent>? AffectedComponents,
    bool DeliverNotifications,
    string? CustomTweet,
    string? TweetId);

/// <summary>A component's change in an update.</summary>
public sealed record StatuspageAffectedComponent(string Code, string Name, string OldStatus, string NewStatus);
