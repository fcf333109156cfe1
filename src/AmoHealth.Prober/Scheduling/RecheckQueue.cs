using System.Threading.Channels;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Prober.Persistence;

namespace AmoHealth.Prober.Scheduling;

/// <summary>
/// Re-checks as data: the re-checks evaluation asked for, queued once their batch is committed, each due
/// its delay after it was queued; the <see cref="ProbeScheduler"/> reads them. Nothing downstream calls back
/// into the scheduler.
/// </summary>
public sealed class RecheckQueue(TimeProvider time)
{
    private readonly Channel<(RecheckRequest Request, DateTimeOffset DueAt)> _channel =
        Channel.CreateUnbounded<(RecheckRequest, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<(RecheckRequest Request, DateTimeOffset DueAt)> Reader => _channel.Reader;

    public void Request(RecheckRequest request) => _channel.Writer.TryWrite((request, time.GetUtcNow()
        + request.Delay));

    public Task OnCommittedAsync(CommittedBatch batch, CancellationToken cancellationToken)
    {
        foreach (var request in batch.Changes.Rechecks)
        {
            Request(request);
        }

        return Task.CompletedTask;
    }
}
