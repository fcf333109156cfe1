namespace AmoHealth.Prober.Persistence;

/// <summary>
/// Work that follows a committed batch (publish live, metrics, re-checks): one step, after the transaction,
/// never inside it. A failing handler is logged and does not stop the others or the writer.
/// </summary>
public interface IAfterCommit
{
    Task OnCommittedAsync(CommittedBatch batch, CancellationToken cancellationToken);
}
