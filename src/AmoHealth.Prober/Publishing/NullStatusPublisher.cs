using AmoHealth.Core.Checks;

namespace AmoHealth.Prober.Publishing;

/// <summary>Used when no Redis is configured: results are stored, nothing is streamed live.</summary>
public sealed class NullStatusPublisher : IStatusPublisher
{
    public Task PublishAsync(IReadOnlyList<ProbeResult> results, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task PublishIncidentsAsync(IReadOnlyList<Core.Storage.IncidentRecord> incidents,
        CancellationToken cancellationToken) => Task.CompletedTask;
}
