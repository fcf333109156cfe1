using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Webhooks;

/// <summary>
/// Sends the busy account's <c>update_lead</c> deliveries at the set rate, through the dispatcher (logged, retried as
/// amoCRM does).
/// </summary>
public sealed class BusyTraffic(
    BusyAccount busy,
    WebhookDispatcher dispatcher,
    IOptions<SimulatorOptions> options,
    TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        var owed = 0.0;
        var last = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // By the time that passed, not the ticks: a loaded machine skips ticks but keeps the rate (up to 1 s
                // owed).
                var elapsed = Math.Min(time.GetElapsedTime(last).TotalSeconds, 1.0);
                last = time.GetTimestamp();
                var setting = busy.Setting;
                owed = setting.DeliveriesPerSecond > 0 ? owed + (setting.DeliveriesPerSecond * elapsed) : 0;
                for (; owed >= 1; owed--)
                {
                    var now = time.GetUtcNow().ToUnixTimeSeconds();
                    var leads = Random.Shared.Next(1, setting.MaxLeads + 1);
                    busy.Count(dispatcher.Broadcast("update_lead",
                        () => BusyLeads.Create(options.Value.Subdomain, leads, setting.MaxCustomFields, now)));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
