using System.Text;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>
/// Answers amoCRM or a proxy in front of it may really send: Cyrillic pages in a legacy charset, a 429 whose body
/// cannot be read, JSON of the wrong shape. Each gives a clear result, never an exception out of a probe.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class OddAnswersTests
{
    private static readonly MonitorOptions Options =
        new() { TimeoutMs = 5_000, CheckIntervalMs = 30_000, MaxRequestsPerSecond = 5 };

    [Theory]
    [InlineData("windows-1251")]
    [InlineData("koi8-r")]
    public async Task APageInALegacyCyrillicCharsetIsReadAndJudged(string charset)
    {
        const string Page = "<html><title>Вход в amoCRM</title></html>";
        await using var server = await AnswerAsync(200, $"text/html; charset={charset}", Encode(Page, charset));
        var account = new AmoAccount("acme", server.BaseUri, "token");
        string? seen = null;

        var web = await new WebProbe(ProbeClients.Create(Options)).ProbeAsync(account, CancellationToken.None);
        var read = await ProbeClients.Create(Options).SendAsync(account, CheckType.Web,
            new ProbeClient.Request(HttpMethod.Get, server.BaseUri),
            response => (seen = response.Body) is not null ? AnswerClassifier.Judge.Status(response, 200) : "no body",
            CancellationToken.None);

        Assert.True(web.Outcome == Outcome.Up, $"{web.Outcome}: {web.ErrorMessage}");
        Assert.Equal(Outcome.Up, read.Outcome);
        Assert.Equal(Page, seen);
    }

    [Theory]
    [InlineData("application/json; charset=x-no-such-charset")]
    [InlineData("application/json")]
    public async Task A429WhoseBodyCannotBeReadStillPausesTheAccountForTheDefaultWait(string contentType)
    {
        await using var server = await AnswerAsync(429, contentType, [0xff, 0xfe, 0x7b, 0x22]);
        var account = new AmoAccount("acme", server.BaseUri, "token");
        var get = new GetProbe(ProbeClients.Create(Options));

        var first = await get.ProbeAsync(account, CancellationToken.None);
        var held = await get.ProbeAsync(account, CancellationToken.None);

        Assert.Equal((Outcome.Throttled, 429), (first.Outcome, first.HttpStatus));
        Assert.Equal(Outcome.Throttled, held.Outcome);
        Assert.Null(held.HttpStatus);
        Assert.InRange(held.PausedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(290),
            TimeSpan.FromSeconds(301));
    }

    [Fact]
    public async Task A429WithARetryAfterThatIsNotANumberPausesForTheDefaultWait()
    {
        await using var server =
            await AnswerAsync(429, "application/json", Encoding.UTF8.GetBytes("""{"retry_after":"soon"}"""));
        var account = new AmoAccount("acme", server.BaseUri, "token");
        var get = new GetProbe(ProbeClients.Create(Options));

        var first = await get.ProbeAsync(account, CancellationToken.None);
        var held = await get.ProbeAsync(account, CancellationToken.None);

        Assert.Equal(Outcome.Throttled, first.Outcome);
        Assert.InRange(held.PausedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(290),
            TimeSpan.FromSeconds(301));
    }

    [Fact]
    public async Task AJsonArrayWhereGetExpectsAnObjectIsDown()
    {
        await using var server = await AnswerAsync(200, "application/json", Encoding.UTF8.GetBytes("""[{"id":1}]"""));
        var account = new AmoAccount("acme", server.BaseUri, "token");

        var result = await new GetProbe(ProbeClients.Create(Options)).ProbeAsync(account, CancellationToken.None);

        Assert.Equal((Outcome.Down, "HTTP 200 but the JSON has no 'id'"), (result.Outcome, result.ErrorMessage));
    }

    [Theory]
    [InlineData("""[{"id":1}]""")]
    [InlineData("""{"_embedded":[1]}""")]
    [InlineData("""{"_embedded":{"leads":[7]}}""")]
    public async Task ALeadCreatedWithAnAnswerOfTheWrongShapeIsDown(string body)
    {
        await using var server = await AnswerAsync(200, "application/json", Encoding.UTF8.GetBytes(body));
        using var database = new TempDatabase();
        var client = ProbeClients.Create(Options);
        var leads = TestLeadsFactory.Create(client, database, Options);
        var account =
            new AmoAccount("acme", server.BaseUri, "token",
                AccountSettings.Resolve(new MonitorOptions { PostMode = PostMode.Create }));

        var result =
            await new PostProbe(client, leads, TimeProvider.System).ProbeAsync(account, CancellationToken.None);

        Assert.Equal(Outcome.Down, result.Outcome);
        Assert.Equal(200, result.HttpStatus);
    }

    private static byte[] Encode(string text, string charset) =>
        System.Text.CodePagesEncodingProvider.Instance.GetEncoding(charset)!.GetBytes(text);

    private static Task<LoopbackServer> AnswerAsync(int status, string contentType, byte[] body) =>
        LoopbackServer.StartAsync(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(body);
    });
}
