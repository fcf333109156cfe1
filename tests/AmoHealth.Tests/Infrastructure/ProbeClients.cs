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
        Microsoft.EntityFrameworkCore.IDbContextFactory<AmoHealthDbContext>? contexts = null)
    {
        var clock = time ?? TimeProvider.System;
        var factory = new HandlerFactory(trustAnyCertificate);
        var wrapped = Options.Create(options);
        var guards = new AccountGuards(clock, wrapped);
        return new ProbeClient(factory, clock, wrapped, guards,
            new TokenSources(factory, state ?? new ProbeStateStore(new NoDatabase()), contexts ?? new NoDatabase(), wrapped, clock,
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, guards));
    }

    /// <summary>For tests that never touch probe state: any use is a test bug.</summary>
    private sealed class NoDatabase : Microsoft.EntityFrameworkCore.IDbContextFactory<AmoHealth.Core.Storage.AmoHealthDbContext>
    {
        public AmoHealth.Core.Storage.AmoHealthDbContext CreateDbContext() =>
            throw new InvalidOperationException("This test has no database; pass a ProbeStateStore.");
    }

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
