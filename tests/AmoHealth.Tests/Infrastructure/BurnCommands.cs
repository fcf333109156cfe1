using AmoHealth.Prober.OnCall;
using AmoHealth.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Prober's real command applier over a store, with no configured account and no announcer.</summary>
public static class BurnCommands
{
    public static OnCallCommands Create(StoreConnections connections, TimeProvider time)
    {
        var configuration = new ConfigurationBuilder().Build();
        return new OnCallCommands(connections, [],
            new MaintenanceCalendar(configuration, time, NullLogger<MaintenanceCalendar>.Instance), configuration,
            time, [], NullLogger<OnCallCommands>.Instance);
    }
}
