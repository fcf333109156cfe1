using AmoHealth.Prober.Probes.Client;

namespace AmoHealth.Bench;

/// <summary>One probe handler, shared as IHttpClientFactory would; the Prober disposes each client it gets.</summary>
public sealed class SharedHandlerFactory : IHttpClientFactory
{
    private readonly SocketsHttpHandler _handler = TimedConnection.CreateUntimedHandler();

    public HttpClient CreateClient(string name) =>
        new(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
}
