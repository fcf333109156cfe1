using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>One POST with a 10 s limit and no retries (the outbox retries); failures described without the URL. The
/// body is written by its source-generated contract (<see cref="NotifierJsonContext"/>), never by reflection.</summary>
public static class NotifierHttp
{
    public const string HttpClientName = "notifications";

    public static async Task<string?> PostJsonAsync<T>(
        IHttpClientFactory httpClients, string channel, string url, T body, JsonTypeInfo<T> contract,
            CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.PostAsJsonAsync(url, body, contract, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"{channel} answered HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{channel} did not answer within 10 s";
        }
        catch (HttpRequestException ex)
        {
            return $"{channel} is unreachable ({ex.HttpRequestError})";
        }
    }
}
