namespace AmoHealth.Prober.Persistence;

/// <summary>The steps that follow a committed batch, by name, run by the writer in this order after the transaction,
/// never inside it; a failing step is logged and stops neither the next one nor the writer. The composition root wires
/// them: the stages they live in (Scheduling, Diagnostics, Publishing) read this one, not the reverse.</summary>
public sealed record AfterCommit(AfterCommit.Step QueueRechecks, AfterCommit.Step RecordMetrics,
    AfterCommit.Step PublishLive)
{
    public delegate Task Step(CommittedBatch batch, CancellationToken cancellationToken);
}
