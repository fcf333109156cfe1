using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Probes.Client;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Diagnostics;

/// <summary>Can AmoHealth reach the internet at all? Asked only when a probe failed without any HTTP answer; any answer
/// from <see cref="AlertOptions.ReferenceUrl"/> means yes. The answer is kept for 10 seconds (monotonic).</summary>
public sealed class NetworkSelfCheck(IHttpClientFactory httpClients, IOptions<AlertOptions> options, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private Task<bool>? _last;
    private long _lastAt;

    public Task<bool> IsOnlineAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.ReferenceUrl))
        {
            return Task.FromResult(true);
        }

        lock (_lock)
        {
            if (_last is null || time.GetElapsedTime(_lastAt) > CacheFor)
            {
                _lastAt = time.GetTimestamp();
                _last = ReachAsync(options.Value.ReferenceUrl, cancellationToken);
            }

            return _last;
        }
    }

    private async Task<bool> ReachAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var client = httpClients.CreateClient(ProbeClient.HttpClientName);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
