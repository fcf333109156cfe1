using System.Net;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Probes.Client;

namespace AmoHealth.Tests.Fast;

/// <summary>The classification of an answer, as a table: no network, no clock.</summary>
[Trait("Ring", "Fast")]
public sealed class AnswerClassifierTests
{
    [Theory]
    [InlineData(200, "application/json", "{}", null, 100, Outcome.Up, FailureKind.None, null)]
    [InlineData(200, "application/json", "{}", null, 2_500, Outcome.Degraded, FailureKind.Slow,
        "Slower than the 2000 ms threshold")]
    [InlineData(200, "application/json", "{}", "no lead id", 100, Outcome.Down, FailureKind.WrongAnswer, "no lead id")]
    [InlineData(200, "application/json", "{}", "no lead id", 2_500, Outcome.Down, FailureKind.WrongAnswer,
        "no lead id")]
    [InlineData(503, "text/html", "", "HTTP 503", 100, Outcome.Down, FailureKind.HttpStatus, "HTTP 503")]
    [InlineData(404, "application/json", "", "HTTP 404", 100, Outcome.Down, FailureKind.HttpStatus, "HTTP 404")]
    [InlineData(401, "application/json", "", null, 100, Outcome.AuthFailed, FailureKind.TokenRejected,
        "HTTP 401: the access token was rejected")]
    [InlineData(402, "application/json", "", null, 100, Outcome.Billing, FailureKind.Billing,
        "HTTP 402: the amoCRM subscription has ended")]
    [InlineData(403, "application/problem+json", "", null, 100, Outcome.AuthFailed, FailureKind.TokenRejected,
        "HTTP 403: the token lacks the rights for this call")]
    [InlineData(403, "text/html", "", null, 100, Outcome.Blocked, FailureKind.Blocked,
        "HTTP 403: access to the account is blocked")]
    [InlineData(429, "application/json", "", null, 100, Outcome.Throttled, FailureKind.Throttled,
        "HTTP 429: rate limited by amoCRM")]
    // amoCRM's own statuses win over the check's judgement and over slowness.
    [InlineData(429, "text/html", "", "HTTP 429", 9_000, Outcome.Throttled, FailureKind.Throttled,
        "HTTP 429: rate limited by amoCRM")]
    public void AnAnswerIsClassifiedByAmoCrmsStatusThenTheJudgementThenTheThreshold(
        int status, string mediaType, string body, string? judgement, int elapsedMs, Outcome outcome, FailureKind kind,
        string? error)
    {
        var response = new ProbeClient.Response((HttpStatusCode)status, mediaType, body);

        var classified = AnswerClassifier.Classify(
            response, _ => judgement, TimeSpan.FromMilliseconds(elapsedMs), TimeSpan.FromSeconds(2));

        Assert.Equal((outcome, kind, error), (classified.Outcome, classified.Kind, classified.Error));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"_embedded\":{}}]")]
    [InlineData("\"text\"")]
    [InlineData("{\"_embedded\":[]}")]
    [InlineData("{\"_embedded\":{\"leads\":7}}")]
    public void AnAnswerOfAnUnexpectedShapeIsDownNotAnException(string body)
    {
        var response = new ProbeClient.Response(HttpStatusCode.OK, "application/json", body);

        // A judge written for amoCRM's object, as the probes' are: it throws on any other shape.
        var classified = AnswerClassifier.Classify(response, r =>
        {
            using var document = System.Text.Json.JsonDocument.Parse(r.Body);
            return document.RootElement.GetProperty("_embedded").GetProperty("leads").GetArrayLength() > 0 ? null
                : "no leads";
        }, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));

        Assert.Equal((Outcome.Down, FailureKind.WrongAnswer, "HTTP 200 but the answer is not in amoCRM's format"),
            (classified.Outcome, classified.Kind, classified.Error));
    }

    [Theory]
    [InlineData("[{\"id\":1}]")]
    [InlineData("[]")]
    [InlineData("1")]
    public void AJsonArrayWhereAnObjectWithAnIdIsExpectedIsDown(string body) =>
        Assert.Equal("HTTP 200 but the JSON has no 'id'",
            AnswerClassifier.Judge.JsonWithProperty(
                new ProbeClient.Response(HttpStatusCode.OK, "application/json", body), "id"));

    [Theory]
    [InlineData("""{"retry_after":7}""", null, 7)]
    [InlineData("""{"retry_after":7}""", 30, 30)]
    [InlineData("<html>429</html>", null, null)]
    [InlineData("""{"retry_after":0}""", null, null)]
    [InlineData("""[1,2]""", null, null)]
    [InlineData("""{"retry_after":"60"}""", null, null)]
    [InlineData("""{"retry_after":null}""", null, null)]
    [InlineData("""{"retry_after":1e99}""", null, null)]
    public void TheWaitAmoCrmAsksForComesFromTheHeaderOrItsJson(string body, int? headerSeconds, int? seconds)
    {
        var response = new ProbeClient.Response(HttpStatusCode.TooManyRequests, "application/json", body)
        {
            RetryAfter = headerSeconds is { } h ? TimeSpan.FromSeconds(h) : null,
        };

        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, AnswerClassifier.RetryAfterOf(response));
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError, FailureKind.Dns, "DNS: the host name could not be resolved")]
    [InlineData(HttpRequestError.ConnectionError, FailureKind.Connect, "Connect: the connection was refused or reset")]
    [InlineData(HttpRequestError.SecureConnectionError, FailureKind.Tls, "TLS: the secure connection failed")]
    [InlineData(HttpRequestError.ResponseEnded, FailureKind.Protocol,
        "The server closed the connection before answering")]
    [InlineData(HttpRequestError.InvalidResponse, FailureKind.Protocol, "The server sent an invalid HTTP response")]
    [InlineData(HttpRequestError.ProxyTunnelError, FailureKind.Connect, "Request failed: ProxyTunnelError")]
    public void ARequestWithoutAnAnswerSaysWhy(HttpRequestError error, FailureKind kind, string reason) =>
        Assert.Equal(new AnswerClassifier.Verdict(Outcome.Down, kind, reason), AnswerClassifier.Failure(error));

    [Fact]
    public void NoAnswerWithinTheTimeoutIsATimeout() =>
        Assert.Equal(new AnswerClassifier.Verdict(Outcome.Down, FailureKind.Timeout,
            "Timeout: no answer within 400 ms"),
            AnswerClassifier.TimedOut(TimeSpan.FromMilliseconds(400)));

    [Fact]
    public void NoTokenIsTheMonitorsCredentialsProblemNotARejection() =>
        Assert.Equal(FailureKind.TokenUnavailable, AnswerClassifier.NoToken("No OAuth tokens").Kind);
}
