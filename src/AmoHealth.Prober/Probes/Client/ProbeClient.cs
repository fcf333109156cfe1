using System.Net;
using System.Net.Http.Headers;
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
    TimeProvider time, IOptions<MonitorOptions> options, AccountGuard.Registry guards, TokenSources tokens)
{
    /// <summary>The named client for requests that are not timed probes (the self-check, our receiver).</summary>
    public const string HttpClientName = "probe";

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
        Request request,
        Func<Response, string?> judge,
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
        Response? answer,
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
    private async Task<Attempt> AttemptAsync(Request request, string? token, CancellationToken cancellationToken)
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
            return new Attempt(timing, await timing.ReadAnswerAsync(response, linked.Token), null);
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

    private readonly record struct Token(string? Value, string? Failure);

    /// <param name="Failure">Why no answer came; null when <paramref name="Answer"/> is there.</param>
    private sealed record Attempt(TimedConnection Timing, Response? Answer, Verdict? Failure);

    /// <summary>
    /// What a probe asks for. The call makes a fresh message of it for each attempt: a message is sent once,
    /// and the token refresh sends the request again.
    /// </summary>
    public sealed record Request(
        HttpMethod Method,
        Uri Uri,
        string? JsonBody = null,
        bool NeedsToken = false,
        string? Accept = null)
    {
        private static readonly ProductInfoHeaderValue UserAgent = new("AmoHealth", "1.0");

        public static Request Api(AmoAccount account, HttpMethod method, string pathAndQuery,
            string? jsonBody = null) =>
            new(method, account.Resolve(pathAndQuery), jsonBody, NeedsToken: true, Accept: "application/json");

        /// <summary>
        /// An API call of the account's own host (<c>/api/</c>, <c>/oauth2/</c>): the ones amoCRM budgets and
        /// throttles. The web UI and a Digital Pipeline URL are not.
        /// </summary>
        public bool IsApiOf(AmoAccount account) =>
            string.Equals(Uri.Authority, account.BaseUri.Authority, StringComparison.OrdinalIgnoreCase)
            && (Uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal)
                || Uri.AbsolutePath.StartsWith("/oauth2/", StringComparison.Ordinal));

        public HttpRequestMessage ToMessage(string? token)
        {
            var message = new HttpRequestMessage(Method, Uri);
            // A fresh connection per probe: what a new client of amoCRM pays is what we measure.
            message.Headers.ConnectionClose = true;
            message.Headers.UserAgent.Add(UserAgent);
            if (Accept is not null)
            {
                message.Headers.Accept.ParseAdd(Accept);
            }

            if (token is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (JsonBody is not null)
            {
                message.Content = new StringContent(JsonBody, Encoding.UTF8, "application/json");
            }

            return message;
        }
    }

    /// <summary>What a probe received: enough to judge the answer, with the body capped.</summary>
    public sealed record Response(HttpStatusCode StatusCode, string? MediaType, string Body)
    {
        public int Status => (int)StatusCode;

        public TimeSpan? RetryAfter { get; init; }
    }
}
