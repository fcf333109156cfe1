using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Evaluation;

/// <summary>What one batch did to incidents, acted on after the commit.</summary>
public sealed record TrackedChanges(
    IReadOnlyList<RecheckRequest> Rechecks,
    IReadOnlyList<IncidentRecord> Opened,
    IReadOnlyList<IncidentRecord> Closed)
{
    public static readonly TrackedChanges None = new([], [], []);
}
