using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Persistence;

namespace AmoHealth.Prober.Diagnostics;

/// <summary>The Prober's OpenTelemetry metrics, scraped as Prometheus text at <c>/metrics</c>:
/// <c>amohealth_probe_duration_milliseconds</c> (histogram per account, check and outcome), <c>amohealth_check_up</c>
/// (1 when the latest result was up, else 0), <c>amohealth_incidents_open</c> and
/// <c>amohealth_incidents_opened_total</c>. Fed by the writer after each committed batch.</summary>
public sealed class ProberMetrics : IDisposable
{
    public const string MeterName = "AmoHealth.Prober";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _liveFailed;
    private readonly Counter<long> _liveDropped;
    private readonly ConcurrentDictionary<(string Account, string CheckType), (bool Up, bool Open)> _checks = new();

    public ProberMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _duration = _meter.CreateHistogram<double>(
            "amohealth.probe.duration", "ms", "Time of one probe, as measured from the outside",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [50, 100, 200, 300, 500, 750, 1_000,
                2_000, 3_000, 5_000, 10_000, 30_000] });
        _opened = _meter.CreateCounter<long>("amohealth.incidents.opened", "{incident}", "Incidents opened");
        _liveFailed = _meter.CreateCounter<long>("amohealth.live.publish_failures", "{attempt}",
            "Failed attempts to publish a live update to Redis");
        _liveDropped = _meter.CreateCounter<long>("amohealth.live.dropped", "{message}",
            "Live updates dropped because Redis was away too long (they are stored)");
        _meter.CreateObservableGauge("amohealth.check.up", () => _checks.Select(c => new Measurement<int>(
            c.Value.Up ? 1 : 0, Tags(c.Key.Account, c.Key.CheckType))), "{check}",
                "1 when the check's latest result was up");
        _meter.CreateObservableGauge("amohealth.incidents.open", () => _checks.Select(c => new Measurement<int>(
            c.Value.Open ? 1 : 0, Tags(c.Key.Account, c.Key.CheckType))), "{incident}", "Open incidents per check");
    }

    public Task OnCommittedAsync(CommittedBatch batch, CancellationToken cancellationToken)
    {
        foreach (var result in batch.Results)
        {
            Record(result);
        }

        foreach (var status in batch.Statuses)
        {
            Observe(status);
        }

        foreach (var incident in batch.Changes.Opened)
        {
            Opened(incident);
        }

        return Task.CompletedTask;
    }

    public void Record(ProbeResult result)
    {
        if (result.ResponseTimeMs is { } ms)
        {
            _duration.Record(ms,
                [new("account", result.Account), new("check", result.CheckType),
                new("outcome", result.Outcome.ToName())]);
        }
    }

    public void Observe(CheckStatusRecord status) =>
        _checks[(status.Account, status.CheckType)] = (status.Outcome.IsSuccess(), status.IncidentId is not null);

    public void Opened(IncidentRecord incident) => _opened.Add(1, Tags(incident.Account, incident.CheckType));

    public void LiveFailed() => _liveFailed.Add(1);

    public void LiveDropped() => _liveDropped.Add(1);

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?>[] Tags(string account, string checkType) =>
        [new("account", account), new("check", checkType)];
}
