using System.Net.Http.Headers;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// The timed part of one attempt, innermost: a fresh connection, the timeout, and the answer read in full (up
/// to 64K characters, decoded with the charset it names) before the clock stops, so the response time is what a new client of amoCRM waits. The
/// timestamps (DNS, connect, TLS, first byte, done) go into a <see cref="ProbeTiming"/> on the request; a
/// retried request gets its own.
/// </summary>
public sealed class TimingHandler(IOptions<MonitorOptions> options, TimeProvider time) : DelegatingHandler
{
    private const int MaxBodyChars = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        var timing = new ProbeTiming(time);
        request.Options.Set(ProbeTiming.Key, timing);
        request.Headers.ConnectionClose = true;
        request.Headers.UserAgent.Clear();
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("AmoHealth", "1.0"));
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var response = await base.SendAsync(request, linked.Token);
            timing.HeadersReceived = time.GetTimestamp();
            var body = await ReadCappedAsync(response, linked.Token);
            timing.Finished = time.GetTimestamp();
            // The body is text now: it travels on as UTF-8, whatever charset it came in.
            var content = new StringContent(body);
            content.Headers.Clear();
            foreach (var header in response.Content.Headers.Where(h => h.Key is not ("Content-Length" or "Content-Type")))
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (response.Content.Headers.ContentType?.MediaType is { } mediaType)
            {
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
            }

            response.Content.Dispose();
            response.Content = content;
            return response;
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            timing.Finished = time.GetTimestamp();
            throw new ProbeTimeoutException(timeout);
        }
        catch (HttpRequestException)
        {
            timing.Finished = time.GetTimestamp();
            throw;
        }
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, BodyEncoding.Of(response.Content));
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }
}
