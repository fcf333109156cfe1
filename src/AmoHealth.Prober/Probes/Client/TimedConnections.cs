using System.Net;
using System.Net.Sockets;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// The probe client's handler: every connection is opened here, so DNS, TCP connect and TLS can each be
/// timed. TLS is done by the handler itself; the plaintext filter runs right after it completes.
/// </summary>
public static class TimedConnections
{
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectCallback = ConnectAsync,
        PlaintextStreamFilter = (context, _) =>
        {
            if (Timing(context.InitialRequestMessage) is { } timing && context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps)
            {
                timing.TlsDone = timing.Time.GetTimestamp();
            }

            return ValueTask.FromResult(context.PlaintextStream);
        },
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var timing = Timing(context.InitialRequestMessage);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"DNS: {ex.SocketErrorCode}", ex);
        }

        if (timing is not null)
        {
            timing.DnsDone = timing.Time.GetTimestamp();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (timing is not null)
        {
            timing.ConnectDone = timing.Time.GetTimestamp();
        }

        return new NetworkStream(socket, ownsSocket: true);
    }

    private static ProbeTiming? Timing(HttpRequestMessage request) =>
        request.Options.TryGetValue(ProbeTiming.Key, out var timing) ? timing : null;
}
