using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Api.Info;

/// <summary>What the dashboard needs to know about this deployment. Section <c>Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>True when the Prober watches the Simulator (demo mode): the dashboard shows a banner.</summary>
    public bool Demo { get; set; }

    /// <summary>The Prober's interval (the seed's <c>CHECK_INTERVAL</c>), so the dashboard knows when a result is
    /// overdue.</summary>
    [Range(1_000, 86_400_000)]
    public int CheckIntervalMs { get; set; } = 30_000;
}
