using AmoHealth.Core.Checks;

namespace AmoHealth.Prober.Publishing;

/// <summary>Announces stored results to live listeners. Best effort: SQLite, not this, is the record.</summary>
public interface IStatusPublisher
{
    Task PublishAsync(IReadOnlyList<ProbeResult> results, CancellationToken cancellationToken);

    /// <summary>Announces incidents opened or closed (by their <c>EndTime</c>).</summary>
    Task PublishIncidentsAsync(IReadOnlyList<Core.Storage.IncidentRecord> incidents,
        CancellationToken cancellationToken);
}
