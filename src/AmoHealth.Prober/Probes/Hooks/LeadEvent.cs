namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>The part of a delivery a lead came in: <c>leads[update]</c> or <c>leads[status]</c>.</summary>
public enum LeadEvent
{
    Update,
    Status,
}
