using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The outbox dispatcher as the Prober wires it, with its channel health.</summary>
public static class Dispatchers
{
    public static (OutboxDispatcher Dispatcher, ChannelHealth Health) Create(
        IDbContextFactory<AmoHealthDbContext> contexts, Notifiers notifiers, AlertOptions alerts, TimeProvider time, int checkIntervalMs = 30_000,
        AmoHealth.Prober.Cluster.IOwnership? ownership = null)
    {
        var wrapped = Options.Create(alerts);
        var health = new ChannelHealth(notifiers, new AmoHealth.Core.Storage.ProbeStateStore(contexts.Connections()), wrapped, time, NullLogger<ChannelHealth>.Instance);
        var dispatcher = new OutboxDispatcher(contexts, notifiers, health, wrapped,
            Options.Create(new MonitorOptions { CheckIntervalMs = checkIntervalMs }), time, NullLogger<OutboxDispatcher>.Instance, ownership);
        return (dispatcher, health);
    }
}
