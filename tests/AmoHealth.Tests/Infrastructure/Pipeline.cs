using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Diagnostics;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Prober.Persistence;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Publishing;
using AmoHealth.Prober.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// The Prober's stages wired by hand for a test, with every collaborator real and given: a scheduler (with its
/// re-check queue, self-check and heartbeat) and a writer (with evaluation and the after-commit steps).
/// </summary>
public static class Pipeline
{
    public static ProbeScheduler Scheduler(
        IEnumerable<IProbe> probes,
        IReadOnlyList<AmoAccount> accounts,
        ResultChannel results,
        MonitorOptions options,
        TimeProvider time,
        RecheckQueue? rechecks = null,
        NetworkSelfCheck? selfCheck = null,
        Microsoft.Extensions.Logging.ILogger<ProbeScheduler>? logger = null,
        IOwnership? ownership = null) =>
        new(probes, accounts, results, rechecks ?? new RecheckQueue(time),
            selfCheck ?? new NetworkSelfCheck(new PlainHttpClients(), Options.Create(new AlertOptions()), time),
            new Heartbeat(new PlainHttpClients(), Options.Create(options), NullLogger<Heartbeat>.Instance),
            new ProbeLoopHealth(Options.Create(options), time), ownership ?? new SoleOwnership(),
            Options.Create(options), time,
            logger ?? NullLogger<ProbeScheduler>.Instance);

    /// <summary>A writer whose after-commit steps are: queue re-checks (into <paramref name="rechecks"/>), publish.
    /// </summary>
    public static ResultWriter Writer(
        ResultChannel channel,
        StoreConnections connections,
        IStatusPublisher publisher,
        IncidentTracker? tracker = null,
        MonitorFaults? faults = null,
        RecheckQueue? rechecks = null,
        MonitorOptions? monitor = null,
        IOwnership? ownership = null)
    {
        var notifiers = new Notifiers([], [], NullLogger<Notifiers>.Instance);
        var options = Options.Create(monitor ?? new MonitorOptions());
        return new ResultWriter(
            channel,
            connections,
            tracker ?? new IncidentTracker(
                Options.Create(new AlertOptions()), options,
                new AlertOutbox(notifiers, Options.Create(new AlertOptions()), options),
                NullLogger<IncidentTracker>.Instance),
            faults ?? new MonitorFaults(
                options, new AlertOutbox(notifiers, Options.Create(new AlertOptions()), options),
                NullLogger<MonitorFaults>.Instance),
            new AfterCommit(
                QueueRechecks: (rechecks ?? new RecheckQueue(TimeProvider.System)).OnCommittedAsync,
                RecordMetrics: (_, _) => Task.CompletedTask,
                PublishLive: new PublishAfterCommit(publisher).OnCommittedAsync),
            ownership ?? new SoleOwnership(),
            TimeProvider.System,
            NullLogger<ResultWriter>.Instance);
    }
}
