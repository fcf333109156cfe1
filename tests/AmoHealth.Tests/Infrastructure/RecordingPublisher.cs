using System.Collections.Concurrent;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Publishing;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>Counts published results and records published incident changes (type, check, id).</summary>
public sealed class RecordingPublisher : IStatusPublisher
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ConcurrentQueue<(string Type, string CheckType, long Id)> Incidents { get; } = new();

    public ConcurrentQueue<ProbeResult> Results { get; } = new();

    public Task PublishAsync(IReadOnlyList<ProbeResult> results, CancellationToken cancellationToken)
    {
        foreach (var result in results)
        {
            Results.Enqueue(result);
        }

        Interlocked.Add(ref _count, results.Count);
        return Task.CompletedTask;
    }

    public Task PublishIncidentsAsync(IReadOnlyList<IncidentRecord> incidents, CancellationToken cancellationToken)
    {
        foreach (var incident in incidents)
        {
            Incidents.Enqueue(
                (incident.EndTime is null ? "incident_opened" : "incident_closed", incident.CheckType, incident.Id));
        }

        return Task.CompletedTask;
    }
}
