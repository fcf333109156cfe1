using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probing;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A <see cref="ProbeClient"/> configured as in the Prober: no redirects, no retries, real sockets.</summary>
public static class ProbeClients
{
    public static ProbeClient Create(MonitorOptions options, TimeProvider? time = null) =>
        new(new HandlerFactory(), time ?? TimeProvider.System, Options.Create(options));

    private sealed class HandlerFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(
            new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false },
            disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }
}
