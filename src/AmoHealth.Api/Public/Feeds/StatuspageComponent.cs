namespace AmoHealth.Api.Public.Feeds;

/// <summary>Statuspage's component: one check. <c>status</c> is operational, degraded_performance, partial_outage,
/// major_outage or under_maintenance (see <see cref="StatuspageStates"/>).</summary>
public sealed record StatuspageComponent(
    string Id,
    string Name,
    string Status,
    string CreatedAt,
    string UpdatedAt,
    int Position,
    string? Description,
    bool Showcase,
    string? StartDate,
    string? GroupId,
    string PageId,
    bool Group,
    bool OnlyShowIfDegraded);
