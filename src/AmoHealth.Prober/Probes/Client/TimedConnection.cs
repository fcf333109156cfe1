using System.Net;
using System.Net.Sockets;
using System.Text;
using AmoHealth.Core.Checks;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// One attempt's own connection and its clock: the handler it makes opens a fresh connection whose DNS, TCP
/// connect and TLS are stamped on this object, so the call reads its timing from what it owns.
/// </summary>
public sealed class TimedConnection(TimeProvider time)
{
    /// <summary>The first 64K characters decide every judgement; a bigger answer is read no further.</summary>
    private const int MaxBodyChars = 64 * 1024;

    private readonly long _started = time.GetTimestamp();
    private long? _dnsDone;
    private long? _connectDone;
    private long? _tlsDone;
    private long? _headersReceived;
    private long? _finished;

    /// <summary>When the attempt started: the result's timestamp (after any wait for the request budget).</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>From the start to the whole answer (or the failure); a new client of amoCRM waits as long.</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(_started, _finished ?? time.GetTimestamp());

    public void HeadersReceived() => _headersReceived = time.GetTimestamp();

    public void Finished() => _finished ??= time.GetTimestamp();

    public ProbePhases Phases() => new(
        Milliseconds(_started, _dnsDone),
        Milliseconds(_dnsDone, _connectDone),
        Milliseconds(_connectDone, _tlsDone),
        Milliseconds(_started, _headersReceived));

    /// <summary>
    /// A handler for this attempt only: no pooling (every probe pays for its own connection, as a new client
    /// would), no redirects (a redirect is an answer), no cookies; TLS by the handler, stamped right after.
    /// </summary>
    public SocketsHttpHandler CreateHandler()
    {
        var handler = CreateUntimedHandler();
        handler.ConnectCallback = (context, cancellationToken) => ConnectAsync(context, this, cancellationToken);
        handler.PlaintextStreamFilter = (context, _) =>
        {
            if (context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps)
            {
                _tlsDone = time.GetTimestamp();
            }

            return ValueTask.FromResult(context.PlaintextStream);
        };
        return handler;
    }

    /// <summary>The same connections without a clock: the named <c>probe</c> client's (self-check, receiver).</summary>
    public static SocketsHttpHandler CreateUntimedHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, null, cancellationToken),
    };

    /// <summary>
    /// The answer, read once within this clock: capped, decoded with the charset it names (windows-1251, koi8-r).
    /// </summary>
    public async Task<ProbeClient.Response> ReadAnswerAsync(HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        HeadersReceived();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, CharsetOf(response.Content));
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        Finished();
        return new ProbeClient.Response(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            new string(buffer, 0, read))
        {
            RetryAfter = response.Headers.RetryAfter?.Delta,
        };
    }

    /// <summary>
    /// The charset the answer names: a Cyrillic page in front of amoCRM may still be <c>windows-1251</c> or
    /// <c>koi8-r</c>. An unknown or missing charset reads as UTF-8, never an exception.
    /// </summary>
    private static Encoding CharsetOf(HttpContent content)
    {
        var charset = content.Headers.ContentType?.CharSet?.Trim('"', '\'', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, TimedConnection? timing, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        }
        catch (SocketException ex)
        {
            // Named apart from a refused connection: a DNS failure is a different fault to chase.
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"DNS: {ex.SocketErrorCode}", ex);
        }

        timing?._dnsDone = timing.StampNow();
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

        timing?._connectDone = timing.StampNow();
        return new NetworkStream(socket, ownsSocket: true);
    }

    private long StampNow() => time.GetTimestamp();

    private int? Milliseconds(long? from, long? to) =>
        from is { } a && to is { } b ? (int)Math.Round(time.GetElapsedTime(a, b).TotalMilliseconds) : null;
}
