using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Core.Alerting.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Prober's "not probing" watch as it is wired, at a 30-second interval.</summary>
public static class ProbingWatches
{
    public static ProbingWatch Create(
        StoreConnections connections, IEnumerable<INotifier> channels, TimeProvider time, IOwnership? ownership) =>
        Create(connections, channels, time, ownership, Options.Create(new MonitorOptions { CheckIntervalMs = 30_000 }));

    private static ProbingWatch Create(
        StoreConnections connections, IEnumerable<INotifier> channels, TimeProvider time, IOwnership? ownership,
        IOptions<MonitorOptions> monitor) =>
        new(connections, new AlertOutbox(new Notifiers(channels, [], NullLogger<Notifiers>.Instance),
            Options.Create(new AlertOptions()), monitor), monitor, time, NullLogger<ProbingWatch>.Instance, ownership);
}
