using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Core.Alerting.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The outbox dispatcher as the Prober wires it, with its channel health.</summary>
public static class Dispatchers
{
    public static (OutboxDispatcher Dispatcher, ChannelHealth Health) Create(
        StoreConnections connections, Notifiers notifiers, AlertOptions alerts, TimeProvider time,
        int checkIntervalMs = 30_000, AmoHealth.Prober.Cluster.IOwnership? ownership = null,
        AmoHealth.Prober.OnCall.Buttons.AckButtons? buttons = null)
    {
        var wrapped = Options.Create(alerts);
        var health = new ChannelHealth(
            notifiers, new ProbeStateStore(connections), wrapped, time, NullLogger<ChannelHealth>.Instance);
        var dispatcher = new OutboxDispatcher(connections, notifiers, health, wrapped,
            Options.Create(new MonitorOptions { CheckIntervalMs = checkIntervalMs }), time,
            NullLogger<OutboxDispatcher>.Instance, ownership, buttons);
        return (dispatcher, health);
    }
}
