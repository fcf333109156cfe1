namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// The end of the pipeline: the named <c>probe</c> client from <see cref="IHttpClientFactory"/> (fresh
/// connections, the connection-phase callbacks of <see cref="TimedConnections"/>), whatever factory is given.
/// </summary>
public sealed class FactoryHandler(IHttpClientFactory httpClients) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Not disposed here: the answer's body is read after this returns, and a factory client owns no connection.
        var client = httpClients.CreateClient(ProbeClient.HttpClientName);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
