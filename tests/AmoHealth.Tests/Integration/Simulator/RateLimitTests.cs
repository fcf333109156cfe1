using System.Net;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Simulator;

[Trait("Ring", "Integration")]
public sealed class RateLimitTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task TheEighthRequestInOneSecondIs429WithRetryAfterAndTheNextSecondIsFine()
    {
        using var simulator = Create(("Simulator:RateLimit:PerTokenPerSecond", "7"));
        using var client = simulator.CreateAmoClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await client.GetAsync("/api/v4/account")).StatusCode);
        }

        var throttled = await client.GetAsync("/api/v4/account");
        _time.Advance(TimeSpan.FromSeconds(1));
        var later = await client.GetAsync("/api/v4/account");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 7).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Equal(300, (await throttled.JsonAsync()).GetProperty("retry_after").GetInt32());
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task EachTokenHasItsOwnBudget()
    {
        using var simulator = Create(("Simulator:RateLimit:PerTokenPerSecond", "2"),
            ("Simulator:AccessTokens:1", "second-token"));
        using var first = simulator.CreateAmoClient();
        using var second = simulator.CreateAmoClient("second-token");

        await first.GetAsync("/api/v4/account");
        await first.GetAsync("/api/v4/account");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/api/v4/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v4/account")).StatusCode);
    }

    [Fact]
    public async Task The429CanBeTheGatewaysHtmlPage()
    {
        using var simulator = Create(("Simulator:RateLimit:PerTokenPerSecond", "1"),
            ("Simulator:RateLimit:Format", "html"));
        using var client = simulator.CreateAmoClient();

        await client.GetAsync("/api/v4/account");
        using var throttled = await client.GetAsync("/api/v4/account");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("text/html", throttled.Content.Headers.ContentType?.MediaType);
        Assert.False(throttled.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task RepeatedViolationsBlockTheApiAndOAuthWith403UntilTheBlockIsLifted()
    {
        using var simulator = Create(
            ("Simulator:RateLimit:PerTokenPerSecond", "1"),
            ("Simulator:RateLimit:BlockAfterViolations", "3"));
        using var client = simulator.CreateAmoClient();

        for (var i = 0; i < 4; i++)
        {
            await client.GetAsync("/api/v4/account");
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        using var api = await client.GetAsync("/api/v4/account");
        using var oauth = await client.PostJsonAsync("/oauth2/access_token", "{}");
        using var web = await client.GetAsync("/");
        using var lift = await client.DeleteAsync("/__sim/faults");
        using var after = await client.GetAsync("/api/v4/account");

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("text/html", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("403 Forbidden", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, oauth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, web.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private SimulatorHost Create(params (string Key, string Value)[] settings) =>
        SimulatorHost.With(settings.ToDictionary(s => s.Key, s => s.Value), _time);
}
