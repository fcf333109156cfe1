using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Diagnostics;

/// <summary>Pings <see cref="MonitorOptions.HeartbeatUrl"/> once per cycle, so a dead-man's switch outside the VPS (any
/// service that alerts when pings stop) notices when the whole host, not just one service, is gone. A failed ping is
/// logged and never delays probing.</summary>
public sealed partial class Heartbeat(IHttpClientFactory httpClients, IOptions<MonitorOptions> options,
    ILogger<Heartbeat> logger)
{
    public void Beat(CancellationToken stoppingToken)
    {
        if (options.Value.HeartbeatUrl is { Length: > 0 } url)
        {
            _ = SendAsync(url, stoppingToken);
        }
    }

    private async Task SendAsync(string url, CancellationToken stoppingToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var client = httpClients.CreateClient(AmoHealth.Core.Alerting.Channels.NotifierHttp.HttpClientName);
            using var response = await client.GetAsync(url, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogFailed(logger, (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException
            && !stoppingToken.IsCancellationRequested)
        {
            // The URL may hold a token: only the kind of failure is logged.
            LogFailed(logger, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The heartbeat ping failed (HTTP {Status}); probing goes on")]
    private static partial void LogFailed(ILogger logger, int status);
}
