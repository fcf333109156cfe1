using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmoHealth.Core.Live;

/// <summary>
/// Runs a Redis-fed background loop so that its failure never stops the host (a <see cref="BackgroundService"/>
/// that throws stops the whole process by default): a loop that fails, say on a message it could not read or a
/// Redis that is not there yet, is logged and started again after a pause growing from 1 s to a minute. Register
/// the loop itself as a singleton and this as the hosted service.
/// </summary>
public sealed partial class SupervisedLoop<TService>(TService service, TimeProvider time, ILogger<SupervisedLoop<TService>> logger)
    : BackgroundService
    where TService : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            try
            {
                await service.StartAsync(stoppingToken);
                await (service.ExecuteTask ?? Task.CompletedTask).WaitAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A loop that ran well for a while before failing starts again soon.
                pause = time.GetElapsedTime(started) > LongestPause ? FirstPause : pause;
                LogRestarting(logger, ex, typeof(TService).Name, pause.TotalSeconds);
            }

            try
            {
                await Task.Delay(pause, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await service.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} failed; it starts again in {Seconds} s (the process goes on)")]
    private static partial void LogRestarting(ILogger logger, Exception exception, string service, double seconds);
}
