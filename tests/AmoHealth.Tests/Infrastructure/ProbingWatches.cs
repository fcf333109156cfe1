using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Prober's "not probing" watch as it is wired, at a 30-second interval.</summary>
public static class ProbingWatches
{
    public static ProbingWatch Create(
        StoreConnections connections, IEnumerable<INotifier> channels, TimeProvider time, IOwnership? ownership) =>
        new(connections, new Notifiers(channels, [], NullLogger<Notifiers>.Instance),
            Options.Create(new AlertOptions()), Options.Create(new MonitorOptions { CheckIntervalMs = 30_000 }), time,
            NullLogger<ProbingWatch>.Instance, ownership);
}
