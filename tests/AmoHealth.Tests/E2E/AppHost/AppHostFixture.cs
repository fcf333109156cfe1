using AmoHealth.ServiceDefaults;
using AmoHealth.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmoHealth.Tests.E2E.AppHost;

/// <summary>
/// The whole app, started once for the collection exactly as <c>dotnet run --project src/AmoHealth.AppHost</c>
/// does in demo mode, with Redis as a local process, a 3 s interval and a temporary database.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public const int CheckIntervalMs = 3_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly TempDatabase _database = new();
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public string DatabasePath => _database.Path;

    /// <summary>The AppHost's log of this run.</summary>
    public static string LogPath { get; } = Path.Combine(Path.GetTempPath(), "amohealth-apphost-test.log");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AmoHealth_AppHost>(
            [
                "Redis:Mode=executable",
                $"Storage:Path={_database.Path}",
                $"CHECK_INTERVAL={CheckIntervalMs}",
                "TIMEOUT_THRESHOLD=2000",
            ],
            timeout.Token);
        // The AppHost's own log (resource states, DCP) lands next to the test results for diagnosis.
        builder.Services.AddLogging(logging => logging.AddProvider(new FileLoggerProvider(LogPath)));
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        foreach (
            var resource in new[] { ResourceNames.Redis, ResourceNames.Simulator, ResourceNames.Prober,
            ResourceNames.Api, ResourceNames.Gateway })
        {
            try
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"Resource '{resource}' was not healthy within {StartTimeout.TotalMinutes} minutes.");
            }
        }
    }

    /// <summary>A client of the Gateway without timeouts or retries, fit for the stream too.</summary>
    public HttpClient CreateGatewayClient()
    {
        var client = App.CreateHttpClient(ResourceNames.Gateway);
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _database.Dispose();
    }
}
