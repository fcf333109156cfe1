using System.Net;
using System.Text;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Safety;
using AmoHealth.Prober.Probes.Tokens;
using Microsoft.Extensions.Options;
using static AmoHealth.Prober.Probes.Client.AnswerClassifier;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// One probe request, top to bottom: admit (the account's request budget) → token → send on a fresh timed
/// connection, reading the answer once → one token refresh on a 401 → classify once → <see cref="ProbeResult"/>.
/// Every step's outcome is a value. No retry beyond the token refresh: a retry would hide an outage and
/// distort latency.
/// </summary>
public sealed class ProbeClient(
    TimeProvider time, IOptions<MonitorOptions> options, AccountGuards guards, TokenSources tokens)
{
    /// <summary>The named client for requests that are not timed probes (the self-check, our receiver).</summary>
    public const string HttpClientName = "probe";

    /// <summary>The first 64K characters decide every judgement; a bigger answer is read no further.</summary>
    private const int MaxBodyChars = 64 * 1024;

    // The code pages are registered when the client is made, never inside a timed request.
    static ProbeClient() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Adjusts each attempt's handler: only tests use it, to trust a self-signed loopback server.</summary>
    public Action<SocketsHttpHandler>? ConfigureConnection { get; init; }

    /// <summary>
    /// Sends <paramref name="request"/> for <paramref name="checkType"/>. <paramref name="judge"/> looks at an
    /// answer that is not one of amoCRM's special statuses and returns null when it is correct, else the reason.
    /// </summary>
    public async Task<ProbeResult> SendAsync(
        AmoAccount account,
        string checkType,
        ProbeRequest request,
        Func<ProbeResponse, string?> judge,
        CancellationToken cancellationToken)
    {
        // 1. Admit: only API calls of the account's host spend its budget; the web UI passes untouched.
        var guard = request.IsApiOf(account) ? guards.For(account.Name) : null;
        if (guard?.Admit() is { } admission)
        {
            if (!admission.Allowed)
            {
                // Nothing sent: amoCRM asked us to stop. The result says so instead of going silent.
                return new ProbeResult(account.Name, checkType, admission.DeniedAs!.Value, null,
                    time.GetUtcNow().ToUnixTimeMilliseconds(), null, admission.Reason)
                {
                    PausedUntil = admission.Until,
                };
            }

            if (admission.Wait > TimeSpan.Zero)
            {
                await Task.Delay(admission.Wait, time, cancellationToken);
            }
        }

        // 2. Token: the account's source, refreshed ahead of expiry by the source itself.
        var source = request.NeedsToken ? tokens.For(account) : null;
        var token = source is null ? new Token(null, null) : await TokenAsync(source, cancellationToken);
        if (token.Failure is { } noToken)
        {
            return Result(account, checkType, NoToken(noToken), time.GetUtcNow(), answer: null, timing: null);
        }

        // 3. Send on a fresh timed connection; the answer is read in full before the clock stops.
        var attempt = await AttemptAsync(request, token.Value, cancellationToken);

        // 4. A 401 with a token that can be refreshed gets one refresh and one more attempt, timed on its own.
        if (attempt.Answer?.StatusCode == HttpStatusCode.Unauthorized && source is { CanRefresh: true }
            && await source.RefreshAfterRejectionAsync(token.Value!, cancellationToken))
        {
            var fresh = await TokenAsync(source, cancellationToken);
            if (fresh.Failure is { } refreshFailed)
            {
                return Result(account, checkType, NoToken(refreshFailed), attempt.Timing.StartedAt, null, null);
            }

            attempt = await AttemptAsync(request, fresh.Value, cancellationToken);
        }

        // 5. Classify once; the guard learns from the same verdict (a 429 pauses, a 403 blocks).
        var threshold = TimeSpan.FromMilliseconds(account.Settings.DegradedThresholdMs(checkType));
        var verdict = attempt.Answer is { } answer
            ? Classify(answer, judge, attempt.Timing.Elapsed, threshold)
            : attempt.Failure!.Value;
        guard?.Record(verdict.Outcome, verdict.RetryAfter);
        return Result(account, checkType, verdict, attempt.Timing.StartedAt, attempt.Answer, attempt.Timing);
    }

    private static ProbeResult Result(
        AmoAccount account,
        string checkType,
        Verdict verdict,
        DateTimeOffset startedAt,
        ProbeResponse? answer,
        TimedConnection? timing) =>
        new(account.Name, checkType, verdict.Outcome,
            timing is null ? null : (int)Math.Round(timing.Elapsed.TotalMilliseconds),
            startedAt.ToUnixTimeMilliseconds(), answer?.Status, verdict.Error, timing?.Phases())
        {
            Kind = verdict.Kind,
            RetryAfter = verdict.RetryAfter,
        };

    /// <summary>The token, or why there is none; the sources' exception stops here.</summary>
    private static async Task<Token> TokenAsync(ITokenSource source, CancellationToken cancellationToken)
    {
        try
        {
            return new Token(await source.GetAsync(cancellationToken), null);
        }
        catch (TokenUnavailableException ex)
        {
            return new Token(null, ex.Message);
        }
    }

    /// <summary>One attempt on its own connection: the whole answer, or why none came, with its timing.</summary>
    private async Task<Attempt> AttemptAsync(ProbeRequest request, string? token, CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        var timing = new TimedConnection(time);
        using var handler = timing.CreateHandler();
        ConfigureConnection?.Invoke(handler);
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        using var message = request.ToMessage(token);
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var response = await invoker.SendAsync(message, linked.Token);
            timing.HeadersReceived();
            var answer = await ReadAsync(response, linked.Token);
            timing.Finished();
            return new Attempt(timing, answer, null);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested
                                                 && !cancellationToken.IsCancellationRequested)
        {
            timing.Finished();
            return new Attempt(timing, null, TimedOut(timeout));
        }
        catch (HttpRequestException ex)
        {
            timing.Finished();
            return new Attempt(timing, null, Failure(ex.HttpRequestError));
        }
        catch (HttpIOException ex)
        {
            // The connection broke while the body was read: the same failure as before the headers.
            timing.Finished();
            return new Attempt(timing, null, Failure(ex.HttpRequestError));
        }
    }

    /// <summary>The answer, read once: capped, decoded with the charset it names (windows-1251, koi8-r).</summary>
    private static async Task<ProbeResponse> ReadAsync(HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, CharsetOf(response.Content));
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new ProbeResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
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

    private readonly record struct Token(string? Value, string? Failure);

    /// <param name="Failure">Why no answer came; null when <paramref name="Answer"/> is there.</param>
    private sealed record Attempt(TimedConnection Timing, ProbeResponse? Answer, Verdict? Failure);
}
