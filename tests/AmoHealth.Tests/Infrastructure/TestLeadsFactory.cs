using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probes.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// The test-lead keeper as the Prober wires it: state and ℹ️ notices in the given database, one recording channel.
/// </summary>
public static class TestLeadsFactory
{
    public static TestLeads Create(ProbeClient client, ITestStore store, MonitorOptions options)
    {
        var notifiers = new Notifiers([new RecordingNotifier()], [], NullLogger<Notifiers>.Instance);
        var connections = store.CreateConnections();
        var alerts = new AlertOutbox(notifiers, Microsoft.Extensions.Options.Options.Create(new AlertOptions()),
            Microsoft.Extensions.Options.Options.Create(options));
        var notices = new Notices(connections, alerts, TimeProvider.System);
        return new TestLeads(client, new ProbeStateStore(connections), notices,
            TimeProvider.System, NullLogger<TestLeads>.Instance);
    }
}
