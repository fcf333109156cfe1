using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Evaluation;

namespace AmoHealth.Prober.Persistence;

/// <summary>What one committed write holds: the results, the statuses they moved, and the incident changes.</summary>
public sealed record CommittedBatch(
    IReadOnlyList<ProbeResult> Results,
    IReadOnlyList<CheckStatusRecord> Statuses,
    TrackedChanges Changes);
