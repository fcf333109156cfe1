using System.Net;
using System.Net.Http.Headers;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Safety;
using AmoHealth.Prober.Probes.Tokens;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// Sends one probe request and turns whatever happens into a <see cref="ProbeResult"/>: it times the request,
/// enforces the timeout, and classifies amoCRM's answers (401, 402, 403, 429) apart from outages. No retries:
/// a retry would hide an outage and distort latency.
/// </summary>
public sealed class ProbeClient(
    IHttpClientFactory httpClients,
    TimeProvider time,
    IOptions<MonitorOptions> options,
    AccountGuards guards,
    TokenSources tokens)
{
    public const string HttpClientName = "probe";

    private const int MaxBodyChars = 64 * 1024;

    /// <summary>
    /// Sends <paramref name="request"/> for <paramref name="checkType"/>. <paramref name="judge"/> looks at a
    /// response that is not one of amoCRM's special statuses and returns null when it is correct, else the reason.
    /// </summary>
    public async Task<ProbeResult> SendAsync(
        AmoAccount account,
        string checkType,
        HttpRequestMessage request,
        Func<ProbeResponse, string?> judge,
        CancellationToken cancellationToken)
    {
        var guard = IsApi(account, request) ? guards.For(account.Name) : null;
        if (guard?.Admit() is { } admission)
        {
            if (!admission.Allowed)
            {
                // No request at all: amoCRM asked us to stop. The result says so instead of going silent.
                request.Dispose();
                return new ProbeResult(account.Name, checkType, admission.DeniedAs!.Value, null,
                    time.GetUtcNow().ToUnixTimeMilliseconds(), null, admission.Reason) { PausedUntil = admission.Until };
            }

            if (admission.Wait > TimeSpan.Zero)
            {
                await Task.Delay(admission.Wait, time, cancellationToken);
            }
        }

        if (!request.Options.TryGetValue(Probes.AmoRequest.NeedsToken, out var needsToken) || !needsToken)
        {
            var plain = await SendNowAsync(account, checkType, request, judge, cancellationToken);
            guard?.Record(plain.Outcome, plain.RetryAfter);
            return plain;
        }

        var source = tokens.For(account);
        string token;
        try
        {
            token = await source.GetAsync(cancellationToken);
        }
        catch (TokenUnavailableException ex)
        {
            request.Dispose();
            return new ProbeResult(account.Name, checkType, Outcome.AuthFailed, null, time.GetUtcNow().ToUnixTimeMilliseconds(), null, ex.Message);
        }

        // Only a request that may be retried after a refresh is copied first (a message cannot be sent twice).
        var retry = source.CanRefresh ? await CloneAsync(request, cancellationToken) : null;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var result = await SendNowAsync(account, checkType, request, judge, cancellationToken);
        guard?.Record(result.Outcome, result.RetryAfter);
        if (result.HttpStatus != 401 || retry is null)
        {
            return result;
        }

        // One refresh per rejected token, then one more try; still 401 is a credentials problem, not an outage.
        if (!await source.RefreshAfterRejectionAsync(token, cancellationToken))
        {
            return result;
        }

        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await source.GetAsync(cancellationToken));
        var second = await SendNowAsync(account, checkType, retry, judge, cancellationToken);
        guard?.Record(second.Outcome, second.RetryAfter);
        return second;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            clone.Content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        }

        return clone;
    }

    private static bool IsApi(AmoAccount account, HttpRequestMessage request) =>
        request.RequestUri is { } uri
        && string.Equals(uri.Authority, account.BaseUri.Authority, StringComparison.OrdinalIgnoreCase)
        && (uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) || uri.AbsolutePath.StartsWith("/oauth2/", StringComparison.Ordinal));

    private async Task<ProbeResult> SendNowAsync(
        AmoAccount account,
        string checkType,
        HttpRequestMessage request,
        Func<ProbeResponse, string?> judge,
        CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        var startedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        var timing = new ProbeTiming(time);
        var started = timing.Started;
        request.Options.Set(ProbeTiming.Key, timing);
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

        // A fresh connection each time, so the latency is what a new client of amoCRM experiences.
        request.Headers.ConnectionClose = true;
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("AmoHealth", "1.0"));

        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            timing.HeadersReceived = time.GetTimestamp();
            var body = await ReadCappedAsync(response, linked.Token);
            var elapsed = ElapsedMs(started);
            var received = new ProbeResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body)
            {
                RetryAfter = response.Headers.RetryAfter?.Delta,
            };
            var (outcome, error) = Classify(received, judge);
            (outcome, error) = Slower(account.SettingsOr(options.Value), checkType, outcome, error, elapsed);
            return new ProbeResult(account.Name, checkType, outcome, elapsed, startedAt, received.Status, error, timing.ToPhases())
            {
                RetryAfter = outcome == Outcome.Throttled ? RetryAfterOf(received) : null,
            };
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(account.Name, checkType, Outcome.Down, ElapsedMs(started), startedAt, null,
                $"Timeout: no answer within {(int)timeout.TotalMilliseconds} ms", timing.ToPhases());
        }
        catch (HttpRequestException ex)
        {
            return new ProbeResult(account.Name, checkType, Outcome.Down, ElapsedMs(started), startedAt, null,
                Describe(ex), timing.ToPhases());
        }
    }

    /// <summary>amoCRM's own statuses first; then the check's judgement of the answer.</summary>
    private static (Outcome Outcome, string? Error) Classify(ProbeResponse response, Func<ProbeResponse, string?> judge)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                return (Outcome.AuthFailed, "HTTP 401: the access token was rejected");
            case HttpStatusCode.PaymentRequired:
                return (Outcome.Billing, "HTTP 402: the amoCRM subscription has ended");
            case HttpStatusCode.Forbidden when response.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true:
                // amoCRM's API refuses a call the token has no rights for with problem+json; a block is nginx HTML.
                return (Outcome.AuthFailed, "HTTP 403: the token lacks the rights for this call");
            case HttpStatusCode.Forbidden:
                return (Outcome.Blocked, "HTTP 403: access to the account is blocked");
            case HttpStatusCode.TooManyRequests:
                return (Outcome.Throttled, "HTTP 429: rate limited by amoCRM");
        }

        var reason = judge(response);
        return reason is null ? (Outcome.Up, null) : (Outcome.Down, reason);
    }

    /// <summary>A correct answer slower than the check's threshold is degraded, not up.</summary>
    private static (Outcome, string?) Slower(MonitorOptions settings, string checkType, Outcome outcome, string? error, int elapsedMs)
    {
        var threshold = settings.DegradedThresholdMs(checkType);
        return outcome == Outcome.Up && elapsedMs > threshold
            ? (Outcome.Degraded, $"Slower than the {threshold} ms threshold")
            : (outcome, error);
    }

    /// <summary>amoCRM's JSON 429 carries <c>retry_after</c> (seconds); its HTML 429 carries nothing.</summary>
    private static TimeSpan? RetryAfterOf(ProbeResponse response)
    {
        if (response.RetryAfter is { } header)
        {
            return header;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                   && document.RootElement.TryGetProperty("retry_after", out var value)
                   && value.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Describe(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "DNS: the host name could not be resolved",
        HttpRequestError.ConnectionError => "Connect: the connection was refused or reset",
        HttpRequestError.SecureConnectionError => "TLS: the secure connection failed",
        HttpRequestError.ResponseEnded => "The server closed the connection before answering",
        HttpRequestError.InvalidResponse => "The server sent an invalid HTTP response",
        _ => $"Request failed: {ex.HttpRequestError}",
    };

    private int ElapsedMs(long started) => (int)Math.Round(time.GetElapsedTime(started).TotalMilliseconds);

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }
}
