using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Persistence;

/// <summary>The Prober's hosted services that use the database (the scheduler, the writer, the alerting, the
/// leases...), held back until the schema is current: <see cref="DatabaseInitializer"/> starts them, in their
/// registration order, once the migrate step has run, and stops them in reverse. Until then the Prober answers
/// <c>/alive</c>, reports not ready on <c>/health</c>, and probes nothing. A service that fails later stops the Prober
/// as the host itself would (<see cref="HostOptions.BackgroundServiceExceptionBehavior"/>).</summary>
public sealed partial class SchemaGatedServices(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<HostOptions> hostOptions,
    ILogger<SchemaGatedServices> logger)
{
    /// <summary>The key the held-back hosted services are registered under.</summary>
    public const string Key = "after-schema";

    private readonly List<IHostedService> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in services.GetKeyedServices<IHostedService>(Key))
        {
            await service.StartAsync(cancellationToken);
            lock (_started)
            {
                _started.Add(service);
            }

            if (service is BackgroundService { ExecuteTask: { } running })
            {
                _ = WatchAsync(service, running);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<IHostedService> started;
        lock (_started)
        {
            started = [.. _started];
            _started.Clear();
        }

        started.Reverse();
        foreach (var service in started)
        {
            await service.StopAsync(cancellationToken);
        }
    }

    /// <summary>Starting the held-back services failed after the host started: the Prober stops.</summary>
    public void Fail(Exception exception)
    {
        LogStartFailed(logger, exception);
        lifetime.StopApplication();
    }

    private async Task WatchAsync(IHostedService service, Task running)
    {
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (Exception ex)
        {
            LogFailed(logger, service.GetType().Name, ex);
            if (hostOptions.Value.BackgroundServiceExceptionBehavior == BackgroundServiceExceptionBehavior.StopHost)
            {
                lifetime.StopApplication();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Starting the Prober's services once the schema was current failed; the Prober stops")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Service} failed; the Prober stops")]
    private static partial void LogFailed(ILogger logger, string service, Exception exception);
}
