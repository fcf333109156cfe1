using AmoHealth.Core.Checks;

namespace AmoHealth.Prober.Results;

/// <summary>Announces stored results to live listeners. Best effort: SQLite, not this, is the record.</summary>
public interface IStatusPublisher
{
    Task PublishAsync(IReadOnlyList<ProbeResult> results, CancellationToken cancellationToken);
}
