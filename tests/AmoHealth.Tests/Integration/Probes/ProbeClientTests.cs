using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Probes;

[Trait("Ring", "Integration")]
public sealed class ProbeClientTests
{
    private static readonly MonitorOptions Options = new() { TimeoutMs = 5_000, CheckIntervalMs = 30_000 };
    private static readonly MonitorOptions ShortTimeout = new() { TimeoutMs = 400, CheckIntervalMs = 30_000 };

    [Theory]
    [InlineData(401, Outcome.AuthFailed, FailureKind.TokenRejected)]
    [InlineData(402, Outcome.Billing, FailureKind.Billing)]
    [InlineData(403, Outcome.Blocked, FailureKind.Blocked)]
    [InlineData(429, Outcome.Throttled, FailureKind.Throttled)]
    [InlineData(500, Outcome.Down, FailureKind.HttpStatus)]
    [InlineData(503, Outcome.Down, FailureKind.HttpStatus)]
    [InlineData(404, Outcome.Down, FailureKind.HttpStatus)]
    [InlineData(200, Outcome.Up, FailureKind.None)]
    public async Task ProbeClassifiesAmoCrmStatusesApartFromOutages(int status, Outcome expected, FailureKind kind)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        var account = new AmoAccount("acme", server.BaseUri, "token");

        var result = await ProbeClients.Create(Options).SendAsync(
            account, CheckType.Get, new ProbeClient.Request(HttpMethod.Get, server.BaseUri),
            response => AnswerClassifier.Judge.Status(response, 200), CancellationToken.None);

        Assert.True(expected == result.Outcome, $"{result.Outcome}: {result.ErrorMessage}");
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal(expected == Outcome.Up, result.ErrorMessage is null);
        Assert.Equal(kind, result.Kind);
    }

    [Fact]
    public async Task ProbeReportsDownWhenNothingAnswersWithinTheTimeout()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
        });
        var account = new AmoAccount("acme", server.BaseUri, "token");

        var result = await ProbeClients.Create(ShortTimeout).SendAsync(
            account, CheckType.Get, new ProbeClient.Request(HttpMethod.Get, server.BaseUri),
            response => AnswerClassifier.Judge.Status(response, 200), CancellationToken.None);

        Assert.Equal(Outcome.Down, result.Outcome);
        Assert.StartsWith("Timeout", result.ErrorMessage);
        Assert.Equal(FailureKind.Timeout, result.Kind);
        Assert.Null(result.HttpStatus);
        Assert.InRange(result.ResponseTimeMs!.Value, 350, 3000);
    }

    [Fact]
    public async Task ProbeReportsARefusedConnectionAsDown()
    {
        var closedPort = RedisServer.FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{closedPort}");

        var result = await ProbeClients.Create(Options).SendAsync(
            new AmoAccount("acme", baseUri, "token"), CheckType.Web, new ProbeClient.Request(HttpMethod.Get, baseUri),
            response => AnswerClassifier.Judge.Status(response, 200), CancellationToken.None);

        Assert.Equal(Outcome.Down, result.Outcome);
        Assert.StartsWith("Connect", result.ErrorMessage);
        Assert.Equal(FailureKind.Connect, result.Kind);
    }

    [Fact]
    public async Task ProbeMeasuresTheResponseTime()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await Task.Delay(150, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });

        var result = await ProbeClients.Create(Options).SendAsync(
            new AmoAccount("acme", server.BaseUri, "token"), CheckType.Get,
            new ProbeClient.Request(HttpMethod.Get, server.BaseUri),
            response => AnswerClassifier.Judge.Status(response, 200), CancellationToken.None);

        Assert.Equal(Outcome.Up, result.Outcome);
        // At least the injected delay; the upper bound only guards against a unit mix-up (seconds vs ms).
        Assert.InRange(result.ResponseTimeMs!.Value, 145, 5_000);
    }

    [Theory]
    [InlineData(200, "application/json", "{\"id\":1}", FailureKind.None)]
    [InlineData(200, "application/json", "{\"name\":\"x\"}", FailureKind.WrongAnswer)]
    [InlineData(200, "text/html", "<html>", FailureKind.WrongAnswer)]
    public async Task GetCheckNeedsAJsonBodyWithAnId(int status, string contentType, string body, FailureKind kind)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

        var result = await ProbeClients.Create(Options).SendAsync(
            new AmoAccount("acme", server.BaseUri, "token"), CheckType.Get,
            new ProbeClient.Request(HttpMethod.Get, server.BaseUri),
            response => AnswerClassifier.Judge.JsonWithProperty(response, "id"), CancellationToken.None);

        Assert.Equal(kind == FailureKind.None ? Outcome.Up : Outcome.Down, result.Outcome);
        Assert.Equal(kind, result.Kind);
    }
}
