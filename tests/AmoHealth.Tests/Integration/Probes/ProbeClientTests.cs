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
    [InlineData(401, Outcome.AuthFailed)]
    [InlineData(402, Outcome.Billing)]
    [InlineData(403, Outcome.Blocked)]
    [InlineData(429, Outcome.Throttled)]
    [InlineData(500, Outcome.Down)]
    [InlineData(503, Outcome.Down)]
    [InlineData(404, Outcome.Down)]
    [InlineData(200, Outcome.Up)]
    public async Task ProbeClassifiesAmoCrmStatusesApartFromOutages(int status, Outcome expected)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        var account = new AmoAccount("acme", server.BaseUri, "token");

        var result = await ProbeClients.Create(Options).SendAsync(
            account, CheckType.Get, new HttpRequestMessage(HttpMethod.Get, server.BaseUri),
            response => Judge.Status(response, 200), CancellationToken.None);

        Assert.True(expected == result.Outcome, $"{result.Outcome}: {result.ErrorMessage}");
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal(expected == Outcome.Up, result.ErrorMessage is null);
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
            account, CheckType.Get, new HttpRequestMessage(HttpMethod.Get, server.BaseUri),
            response => Judge.Status(response, 200), CancellationToken.None);

        Assert.Equal(Outcome.Down, result.Outcome);
        Assert.StartsWith("Timeout", result.ErrorMessage);
        Assert.Null(result.HttpStatus);
        Assert.InRange(result.ResponseTimeMs!.Value, 350, 3000);
    }

    [Fact]
    public async Task ProbeReportsARefusedConnectionAsDown()
    {
        var closedPort = RedisServer.FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{closedPort}");

        var result = await ProbeClients.Create(Options).SendAsync(
            new AmoAccount("acme", baseUri, "token"), CheckType.Web, new HttpRequestMessage(HttpMethod.Get, baseUri),
            response => Judge.Status(response, 200), CancellationToken.None);

        Assert.Equal(Outcome.Down, result.Outcome);
        Assert.StartsWith("Connect", result.ErrorMessage);
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
            new HttpRequestMessage(HttpMethod.Get, server.BaseUri), response => Judge.Status(response, 200), CancellationToken.None);

        Assert.Equal(Outcome.Up, result.Outcome);
        // At least the injected delay; the upper bound only guards against a unit mix-up (seconds vs ms).
        Assert.InRange(result.ResponseTimeMs!.Value, 145, 5_000);
    }

    [Theory]
    [InlineData(200, "application/json", "{\"id\":1}", true)]
    [InlineData(200, "application/json", "{\"name\":\"x\"}", false)]
    [InlineData(200, "text/html", "<html>", false)]
    public async Task GetCheckNeedsAJsonBodyWithAnId(int status, string contentType, string body, bool up)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

        var result = await ProbeClients.Create(Options).SendAsync(
            new AmoAccount("acme", server.BaseUri, "token"), CheckType.Get,
            new HttpRequestMessage(HttpMethod.Get, server.BaseUri), response => Judge.JsonWithProperty(response, "id"),
            CancellationToken.None);

        Assert.Equal(up ? Outcome.Up : Outcome.Down, result.Outcome);
    }
}
