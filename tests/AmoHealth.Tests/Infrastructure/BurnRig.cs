using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Slo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The burn watch as the Prober wires it, with the outbox dispatcher delivering to a recording channel.
/// </summary>
public sealed class BurnRig
{
    public BurnRig(StoreConnections connections, TimeProvider time, SloOptions slo, AlertOptions? alerts = null,
        IOwnership? ownership = null, AmoHealth.Prober.OnCall.Buttons.AckButtons? buttons = null,
        INotifier? channel = null)
    {
        Channel = channel ?? new RecordingNotifier("mattermost");
        Alerts = alerts ?? new AlertOptions { GroupWindowSeconds = 0 };
        var notifiers = new Notifiers([Channel], [], NullLogger<Notifiers>.Instance);
        Outbox = new AlertOutbox(notifiers, Options.Create(Alerts), Options.Create(new MonitorOptions()));
        Watch = Create(connections, time, slo, ownership);
        Dispatcher = Dispatchers.Create(connections, notifiers, Alerts, time, ownership: ownership, buttons: buttons)
            .Dispatcher;
        Connections = connections;
        Time = time;
        Slo = slo;
    }

    public INotifier Channel { get; }

    public AlertOptions Alerts { get; }

    public AlertOutbox Outbox { get; }

    public BurnWatch Watch { get; }

    public OutboxDispatcher Dispatcher { get; }

    public StoreConnections Connections { get; }

    public TimeProvider Time { get; }

    public SloOptions Slo { get; }

    /// <summary>What the recording channel received, oldest first.</summary>
    public List<NotificationRecord> Sent => Channel is RecordingNotifier recording ? [.. recording.Sent] : [];

    /// <summary>Another watch on the same store (a second Prober host).</summary>
    public BurnWatch Create(StoreConnections connections, TimeProvider time, SloOptions slo, IOwnership? ownership) =>
        new(connections, Outbox, Options.Create(slo), Options.Create(new StorageOptions()), time,
            NullLogger<BurnWatch>.Instance, ownership);

    /// <summary>One look of the watch, then whatever is due leaves.</summary>
    public async Task LookAsync()
    {
        await Watch.RunOnceAsync(CancellationToken.None);
        await Dispatcher.DeliverDueAsync(CancellationToken.None);
    }
}
