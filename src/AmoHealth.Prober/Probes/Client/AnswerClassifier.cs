using System.Globalization;
using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// Turns an attempt into a verdict, once and as pure functions: amoCRM's own statuses (401, 402, 403, 429)
/// apart from outages, then the check's judgement, then the slowness threshold; a request without an answer
/// by its reason. The account's guard learns from the same verdict.
/// </summary>
public static class AnswerClassifier
{
    /// <param name="RetryAfter">For a 429: how long amoCRM asked us to wait, when it said.</param>
    public readonly record struct Verdict(Outcome Outcome, FailureKind Kind, string? Error,
        TimeSpan? RetryAfter = null);

    /// <summary>Reusable judgements of a probe's answer; each returns null when the answer is correct.</summary>
    public static class Judge
    {
        public static string? Status(ProbeClient.Response response, params int[] expected) =>
            expected.Contains(response.Status)
                ? null
                : $"HTTP {response.Status}: expected {string.Join(" or ", expected)}";

        /// <summary>A JSON object with the given property, as amoCRM's entities all carry <c>id</c>.</summary>
        public static string? JsonWithProperty(ProbeClient.Response response, string property)
        {
            if (Status(response, 200) is { } wrongStatus)
            {
                return wrongStatus;
            }

            try
            {
                using var document = JsonDocument.Parse(response.Body);
                return document.RootElement.ValueKind == JsonValueKind.Object
                       && document.RootElement.TryGetProperty(property, out _)
                    ? null
                    : $"HTTP 200 but the JSON has no '{property}'";
            }
            catch (JsonException)
            {
                return "HTTP 200 but the body is not JSON";
            }
        }
    }

    /// <summary>
    /// The verdict on an answer that took <paramref name="elapsed"/>: amoCRM's special statuses first, then
    /// <paramref name="judge"/> (null = correct), and a correct answer slower than <paramref name="threshold"/>
    /// is degraded.
    /// </summary>
    public static Verdict Classify(
        ProbeClient.Response response, Func<ProbeClient.Response, string?> judge, TimeSpan elapsed, TimeSpan threshold)
    {
        if (Special(response) is { } special)
        {
            return special;
        }

        if (Judged(response, judge) is { } reason)
        {
            // The judge speaks only of the answer; a wrong status is an outage, a wrong body of a good status
            // is amoCRM answering something that is not its format.
            var kind = response.Status is >= 200 and < 300 ? FailureKind.WrongAnswer : FailureKind.HttpStatus;
            return new Verdict(Outcome.Down, kind, reason);
        }

        return elapsed > threshold
            ? new Verdict(Outcome.Degraded, FailureKind.Slow, $"Slower than the {Milliseconds(threshold)} ms threshold")
            : new Verdict(Outcome.Up, FailureKind.None, null);
    }

    /// <summary>Why a request got no answer, in words a user can act on.</summary>
    public static Verdict Failure(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError =>
            Down(FailureKind.Dns, "DNS: the host name could not be resolved"),
        HttpRequestError.ConnectionError =>
            Down(FailureKind.Connect, "Connect: the connection was refused or reset"),
        HttpRequestError.SecureConnectionError =>
            Down(FailureKind.Tls, "TLS: the secure connection failed"),
        HttpRequestError.ResponseEnded =>
            Down(FailureKind.Protocol, "The server closed the connection before answering"),
        HttpRequestError.InvalidResponse =>
            Down(FailureKind.Protocol, "The server sent an invalid HTTP response"),
        _ => Down(FailureKind.Connect, $"Request failed: {error}"),
    };

    public static Verdict TimedOut(TimeSpan timeout) =>
        Down(FailureKind.Timeout, $"Timeout: no answer within {Milliseconds(timeout)} ms");

    /// <summary>No token to send: our credentials problem, never an outage of amoCRM.</summary>
    public static Verdict NoToken(string reason) => new(Outcome.AuthFailed, FailureKind.TokenUnavailable, reason);

    /// <summary>How long amoCRM asked us to wait: the Retry-After header, or <c>retry_after</c> (seconds) in its JSON
    /// 429.</summary>
    public static TimeSpan? RetryAfterOf(ProbeClient.Response response)
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

    private static Verdict? Special(ProbeClient.Response response) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized =>
            new(Outcome.AuthFailed, FailureKind.TokenRejected, "HTTP 401: the access token was rejected"),
        HttpStatusCode.PaymentRequired =>
            new(Outcome.Billing, FailureKind.Billing, "HTTP 402: the amoCRM subscription has ended"),
        // amoCRM's API refuses a call the token has no rights for with problem+json; a block is nginx HTML.
        HttpStatusCode.Forbidden when response.MediaType?.Contains("json",
            StringComparison.OrdinalIgnoreCase) == true =>
            new(Outcome.AuthFailed, FailureKind.TokenRejected, "HTTP 403: the token lacks the rights for this call"),
        HttpStatusCode.Forbidden =>
            new(Outcome.Blocked, FailureKind.Blocked, "HTTP 403: access to the account is blocked"),
        HttpStatusCode.TooManyRequests =>
            new(Outcome.Throttled, FailureKind.Throttled, "HTTP 429: rate limited by amoCRM", RetryAfterOf(response)),
        _ => null,
    };

    /// <summary>The judge's reason, or a plain one when the answer is not of the shape the judge reads (an array for an
    /// object).</summary>
    private static string? Judged(ProbeClient.Response response, Func<ProbeClient.Response, string?> judge)
    {
        try
        {
            return judge(response);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException
                                       or IndexOutOfRangeException or FormatException or JsonException)
        {
            return $"HTTP {response.Status} but the answer is not in amoCRM's format";
        }
    }

    private static Verdict Down(FailureKind kind, string error) => new(Outcome.Down, kind, error);

    private static string Milliseconds(TimeSpan span) =>
        ((long)Math.Round(span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
