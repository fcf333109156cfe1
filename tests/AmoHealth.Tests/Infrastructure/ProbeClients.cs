using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probing;
using AmoHealth.Prober.Safety;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A <see cref="ProbeClient"/> configured as in the Prober: no redirects, no retries, real sockets.</summary>
public static class ProbeClients
{
    public static ProbeClient Create(MonitorOptions options, TimeProvider? time = null, bool trustAnyCertificate = false) =>
        new(new HandlerFactory(trustAnyCertificate), time ?? TimeProvider.System, Options.Create(options),
            new AccountGuards(time ?? TimeProvider.System, Options.Create(options)));

    private sealed class HandlerFactory(bool trustAnyCertificate) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(Handler(), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        private SocketsHttpHandler Handler()
        {
            var handler = TimedConnections.CreateHandler();
            if (trustAnyCertificate)
            {
                // Only for the self-signed loopback server of the TLS timing test.
                handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            }

            return handler;
        }
    }
}
