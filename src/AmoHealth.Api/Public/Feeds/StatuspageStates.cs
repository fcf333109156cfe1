namespace AmoHealth.Api.Public.Feeds;

/// <summary>Our states in Statuspage's words. Statuspage has no "not measured": <see cref="PublicState.Unknown"/>
/// (amoCRM gave no verdict: throttled, blocked, unauthorized, our own fault, or nothing probed) is written as
/// <c>degraded_performance</c> with the component's description saying "not measured", so an aggregator neither shows
/// green for what nobody could vouch for nor an outage amoCRM did not have.</summary>
public static class StatuspageStates
{
    public const string NotMeasured =
        "Not measured: amoCRM gave no verdict (throttled, blocked or unauthorized probes) or nothing was probed.";

    public static string Component(PublicState state) => state switch
    {
        PublicState.Operational => "operational",
        PublicState.Degraded => "degraded_performance",
        PublicState.Down => "major_outage",
        PublicState.Maintenance => "under_maintenance",
        _ => "degraded_performance",
    };

    /// <summary>An incident's impact: major when down, minor when degraded.</summary>
    public static string Impact(PublicState impact) => impact switch
    {
        PublicState.Down => "major",
        PublicState.Degraded => "minor",
        _ => "none",
    };

    /// <summary>The page's indicator from its checks, worst first: every check down is critical, some down major,
    /// degraded minor, then maintenance, then not measured (minor), else none.</summary>
    public static StatuspageStatus Overall(PublicSnapshot snapshot)
    {
        var states = snapshot.Checks.Count > 0 ? snapshot.Checks.Select(c => c.State).ToList() : [snapshot.Overall];
        if (states.All(s => s == PublicState.Down))
        {
            return new("critical", "Major System Outage");
        }

        if (states.Contains(PublicState.Down))
        {
            return new("major", "Partial System Outage");
        }

        if (states.Contains(PublicState.Degraded))
        {
            return new("minor", "Minor Service Outage");
        }

        if (states.Contains(PublicState.Maintenance))
        {
            return new("maintenance", "Service Under Maintenance");
        }

        return states.Contains(PublicState.Unknown)
            ? new("minor", "Some Checks Not Measured")
            : new("none", "All Systems Operational");
    }
}
