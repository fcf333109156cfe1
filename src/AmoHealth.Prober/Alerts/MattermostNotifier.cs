using System.Net.Http.Json;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerts;

/// <summary>
/// Posts to a Mattermost incoming webhook (<c>MATTERMOST_WEBHOOK_URL</c>, a secret: never logged). Accepted is
/// 200; anything else is retried by the outbox dispatcher, never here.
/// </summary>
public sealed class MattermostNotifier(IHttpClientFactory httpClients, IOptions<MonitorOptions> options) : INotifier
{
    public const string HttpClientName = "mattermost";

    public async Task<string?> SendAsync(string text, CancellationToken cancellationToken)
    {
        var url = options.Value.MattermostWebhookUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "MATTERMOST_WEBHOOK_URL is not set";
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.PostAsJsonAsync(url, new Dictionary<string, string> { ["text"] = text }, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"Mattermost answered HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "Mattermost did not answer within 10 s";
        }
        catch (HttpRequestException ex)
        {
            return $"Mattermost is unreachable ({ex.HttpRequestError})";
        }
    }
}
