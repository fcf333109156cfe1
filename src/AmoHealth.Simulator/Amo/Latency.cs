using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Amo;

/// <summary>Realistic answer times: log-normal around the median, with an occasional slow tail.</summary>
public sealed class Latency(IOptions<SimulatorOptions> options, TimeProvider time)
{
    public Task DelayAsync(CancellationToken cancellationToken) =>
        DelayAsync(options.Value.MedianLatencyMs, cancellationToken);

    /// <summary>How long amoCRM takes to send a webhook after the change that triggers it.</summary>
    public Task DelayDeliveryAsync(CancellationToken cancellationToken) =>
        DelayAsync(options.Value.DeliveryMedianLatencyMs, cancellationToken);

    private Task DelayAsync(int median, CancellationToken cancellationToken)
    {
        if (median == 0)
        {
            return Task.CompletedTask;
        }

        // Box-Muller: a normal sample, exponentiated, gives a log-normal spread (sigma 0.35).
        var u1 = 1.0 - Random.Shared.NextDouble();
        var u2 = Random.Shared.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        var ms = Math.Min(median * Math.Exp(0.35 * normal), median * 20.0);
        return Task.Delay(TimeSpan.FromMilliseconds(ms), time, cancellationToken);
    }
}
