using System.Net;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary><c>GET /api/slo</c> over the seeded file: acme GET probed every 36 s for 10 hours with every tenth result
/// down (100 bad minutes), acme WEB 10 good minutes, zeta GET 5.</summary>
[Trait("Ring", "Integration")]
public sealed class SloApiTests : SeededApiTests
{
    [Fact]
    public async Task EachCheckWithDataHasItsBudgetUptimeAndBurnRates()
    {
        var slos = await GetArrayAsync("/api/slo");

        Assert.Equal(["acme GET", "acme WEB", "zeta GET"],
            slos.Select(s => $"{s.GetProperty("account").GetString()} {s.GetProperty("checkType").GetString()}"));
        var get = slos[0];
        Assert.Equal(100, get.GetProperty("badMinutes").GetInt32());
        Assert.Equal(99.9, get.GetProperty("target").GetDouble());
        Assert.Equal(30, get.GetProperty("windowDays").GetInt32());
        Assert.False(get.GetProperty("met").GetBoolean());
        Assert.True(get.GetProperty("budgetLeftPercent").GetDouble() < 0);
        Assert.Equal(["5m", "30m", "1h", "6h", "3d"],
            get.GetProperty("burnRates").EnumerateArray().Select(b => b.GetProperty("window").GetString()));
        Assert.Equal(0, get.GetProperty("alerts").GetArrayLength());
        var web = slos[1];
        // 99.9 % of the 30-day window allows 43.2 bad minutes, none spent (10 judged so far).
        Assert.Equal((10, 0, 1.0), (web.GetProperty("goodMinutes").GetInt32(), web.GetProperty("badMinutes")
            .GetInt32(), web.GetProperty("uptime").GetDouble()));
        Assert.Equal((43.2, 43.2, 100.0, true), (web.GetProperty("budgetMinutes").GetDouble(),
            web.GetProperty("budgetLeftMinutes").GetDouble(), web.GetProperty("budgetLeftPercent").GetDouble(),
            web.GetProperty("met").GetBoolean()));
    }

    [Fact]
    public async Task AnAccountNarrowsTheListAndAnUnknownOneAnswersAnEmptyList()
    {
        var zeta = await GetArrayAsync("/api/slo?account=zeta");
        var nobody = await GetArrayAsync("/api/slo?account=nobody");

        Assert.Equal(5, Assert.Single(zeta).GetProperty("goodMinutes").GetInt32());
        Assert.Empty(nobody);
    }

    [Theory]
    [InlineData("/api/slo?checkType=SOAP", "checkType")]
    [InlineData("/api/slo?checkType=get", "checkType")]
    public async Task ABadQueryIsAProblemNamingTheParameter(string url, string parameter)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, (await response.JsonAsync()).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task AnAccountNameLongerThanAnyAccountIsAProblem()
    {
        using var response = await _client.GetAsync($"/api/slo?account={new string('a', 201)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("account", (await response.JsonAsync()).GetProperty("parameter").GetString());
    }
}
