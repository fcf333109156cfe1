using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Diagnostics;

/// <summary>Fails <c>/health</c> when the probe loop stops ticking: no cycle started for three intervals (a hung
/// scheduler would otherwise look healthy while nothing is probed).</summary>
public sealed class ProbeLoopHealth(IOptions<MonitorOptions> options, TimeProvider time) : IHealthCheck
{
    private long _lastTick;

    // Monotonic timestamps: a step of the wall clock neither fails a ticking loop nor hides a stalled one.
    public void Tick() => Interlocked.Exchange(ref _lastTick, time.GetTimestamp());

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        var last = Interlocked.Read(ref _lastTick);
        if (last == 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded("The probe loop has not started a cycle yet."));
        }

        var silent = time.GetElapsedTime(last);
        var cadence = options.Value.Cadence;
        return Task.FromResult(silent > cadence.SilentAfter
            ? HealthCheckResult.Unhealthy($"The probe loop has not started a cycle for {(int)silent.TotalSeconds} s "
                + $"(interval {(int)cadence.Interval.TotalSeconds} s).")
            : HealthCheckResult.Healthy());
    }
}
