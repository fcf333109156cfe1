using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Prober.Probes.Safety;
using AmoHealth.Prober.Probes.Tokens;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A <see cref="ProbeClient"/> configured as in the Prober: no redirects, no retries, real sockets.</summary>
public static class ProbeClients
{
    public static ProbeClient Create(
        MonitorOptions options,
        TimeProvider? time = null,
        bool trustAnyCertificate = false,
        ProbeStateStore? state = null,
        StoreConnections? connections = null)
    {
        var clock = time ?? TimeProvider.System;
        var factory = new HandlerFactory(trustAnyCertificate);
        var wrapped = Options.Create(options);
        var guards = new AccountGuard.Registry(clock, wrapped);
        var tokens = new TokenSources(
            factory, state ?? new ProbeStateStore(NoDatabase), connections ?? NoDatabase, wrapped, clock,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, guards);
        return new ProbeClient(clock, wrapped, guards, tokens)
        {
            // Only for the self-signed loopback server of the TLS timing test.
            ConfigureConnection = trustAnyCertificate ? TrustAnyCertificate : null,
        };
    }

    private static void TrustAnyCertificate(SocketsHttpHandler handler) =>
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;

    /// <summary>For tests that never touch probe state: a file in a folder that does not exist: any use fails.
    /// </summary>
    private static StoreConnections NoDatabase => new(new StorageOptions
    {
        Path = Path.Combine(Path.GetTempPath(), "amohealth-no-database-" + Guid.NewGuid().ToString("N"), "none.db"),
    });

    private sealed class HandlerFactory(bool trustAnyCertificate) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(Handler(), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        private SocketsHttpHandler Handler()
        {
            var handler = TimedConnection.CreateUntimedHandler();
            if (trustAnyCertificate)
            {
                TrustAnyCertificate(handler);
            }

            return handler;
        }
    }
}
