using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Storage.Rollups;

/// <summary>What one minute of one check counts as when uptime is measured by time. A minute takes the highest class of
/// its results: one <c>down</c> verdict makes the minute bad, and a result inside maintenance sets the whole minute
/// apart.</summary>
public enum MinuteClass
{
    /// <summary>No result in the minute.</summary>
    None = 0,

    /// <summary>Results, but none is amoCRM's verdict (429, 403, 401, unpaid, our own fault).</summary>
    Excluded = 1,

    /// <summary>amoCRM answered up or degraded.</summary>
    Good = 2,

    /// <summary>At least one <c>down</c> verdict.</summary>
    Bad = 3,

    /// <summary>At least one result recorded inside a maintenance window.</summary>
    Maintenance = 4,
}

public static class MinuteClasses
{
    /// <summary>The class one stored result gives its minute; <paramref name="counted"/> is whether it is amoCRM's
    /// verdict (and not our own fault).</summary>
    public static MinuteClass Of(HealthCheckRecord row, bool counted) =>
        row.InMaintenance == true ? MinuteClass.Maintenance
        : !counted ? MinuteClass.Excluded
        : row.Status == OutcomeNames.Status.Down ? MinuteClass.Bad
        : MinuteClass.Good;
}
