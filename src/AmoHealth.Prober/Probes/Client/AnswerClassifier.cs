using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// Turns an answer into an outcome, as pure functions: amoCRM's own statuses (401, 402, 403, 429) apart from
/// outages, then the check's judgement, then the slowness threshold; and a failed request into its reason.
/// </summary>
public static class AnswerClassifier
{
    /// <summary>amoCRM's special answers, or null when the check's own judgement decides.</summary>
    public static (Outcome Outcome, string Error)? Special(ProbeResponse response) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized => (Outcome.AuthFailed, "HTTP 401: the access token was rejected"),
        HttpStatusCode.PaymentRequired => (Outcome.Billing, "HTTP 402: the amoCRM subscription has ended"),
        // amoCRM's API refuses a call the token has no rights for with problem+json; a block is nginx HTML.
        HttpStatusCode.Forbidden when response.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true =>
            (Outcome.AuthFailed, "HTTP 403: the token lacks the rights for this call"),
        HttpStatusCode.Forbidden => (Outcome.Blocked, "HTTP 403: access to the account is blocked"),
        HttpStatusCode.TooManyRequests => (Outcome.Throttled, "HTTP 429: rate limited by amoCRM"),
        _ => null,
    };

    /// <summary>
    /// The outcome of an answer that took <paramref name="elapsedMs"/>: amoCRM's special statuses first, then
    /// <paramref name="judge"/> (null = correct), and a correct answer slower than <paramref name="thresholdMs"/> is degraded.
    /// </summary>
    public static (Outcome Outcome, string? Error) Classify(ProbeResponse response, Func<ProbeResponse, string?> judge, int elapsedMs, int thresholdMs)
    {
        if (Special(response) is { } special)
        {
            return special;
        }

        if (Judged(response, judge) is { } reason)
        {
            return (Outcome.Down, reason);
        }

        return elapsedMs > thresholdMs ? (Outcome.Degraded, $"Slower than the {thresholdMs} ms threshold") : (Outcome.Up, null);
    }

    /// <summary>The judge's reason, or a plain one when the answer is not of the shape the judge reads (an array for an object).</summary>
    private static string? Judged(ProbeResponse response, Func<ProbeResponse, string?> judge)
    {
        try
        {
            return judge(response);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException or JsonException)
        {
            return $"HTTP {response.Status} but the answer is not in amoCRM's format";
        }
    }

    /// <summary>How long amoCRM asked us to wait: the Retry-After header, or <c>retry_after</c> (seconds) in its JSON 429.</summary>
    public static TimeSpan? RetryAfterOf(ProbeResponse response)
    {
        if (response.RetryAfter is { } header)
        {
            return header;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("retry_after", out var value)
                   && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Why a request got no answer, in words a user can act on.</summary>
    public static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "DNS: the host name could not be resolved",
        HttpRequestError.ConnectionError => "Connect: the connection was refused or reset",
        HttpRequestError.SecureConnectionError => "TLS: the secure connection failed",
        HttpRequestError.ResponseEnded => "The server closed the connection before answering",
        HttpRequestError.InvalidResponse => "The server sent an invalid HTTP response",
        _ => $"Request failed: {error}",
    };

    /// <summary>
    /// The answer as a probe judges it (the body is already read and capped by <see cref="TimingHandler"/>); a
    /// charset that cannot be decoded reads as UTF-8 rather than throw.
    /// </summary>
    public static async Task<ProbeResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            BodyEncoding.Of(response.Content).GetString(await response.Content.ReadAsByteArrayAsync(cancellationToken)))
        {
            RetryAfter = response.Headers.RetryAfter?.Delta,
        };
}
