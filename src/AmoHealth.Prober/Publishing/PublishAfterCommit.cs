using AmoHealth.Prober.Persistence;

namespace AmoHealth.Prober.Publishing;

/// <summary>Announces a committed batch live: its results, then the incidents it opened or closed.</summary>
public sealed class PublishAfterCommit(IStatusPublisher publisher)
{
    public async Task OnCommittedAsync(CommittedBatch batch, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(batch.Results, cancellationToken);
        await publisher.PublishIncidentsAsync([.. batch.Changes.Opened, .. batch.Changes.Closed], cancellationToken);
    }
}
