using System.Net;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>The Api checks an action before anything reaches the Prober: a malformed or out-of-range field is a 400
/// naming it, a caller without the role a 403 naming the role needed.</summary>
[Trait("Ring", "Integration")]
public sealed class OnCallActionChecksTests : OnCallApiTests
{
    [Theory]
    [InlineData("/api/incidents/1/notes", "{\"text\":\"\"}", "text")]
    [InlineData("/api/incidents/1/notes", "{\"isPublic\":true}", "text")]
    [InlineData("/api/silences", "{\"account\":\"acme\",\"minutes\":4,\"reason\":\"deploy\"}", "minutes")]
    [InlineData("/api/silences", "{\"account\":\"acme\",\"minutes\":10081,\"reason\":\"deploy\"}", "minutes")]
    [InlineData("/api/silences", "{\"account\":\"nobody\",\"minutes\":30,\"reason\":\"deploy\"}", "account")]
    [InlineData("/api/silences", "{\"account\":\"acme\",\"checkType\":\"FOO\",\"minutes\":30,\"reason\":\"x\"}",
        "checkType")]
    [InlineData("/api/silences", "{\"account\":\"acme\",\"minutes\":30,\"reason\":\"  \"}", "reason")]
    [InlineData("/api/silences", "{\"account\":\"acme\",\"minutes\":\"soon\",\"reason\":\"x\"}", "minutes")]
    [InlineData("/api/maintenance", "{\"kind\":\"weekly\",\"weekday\":7,\"startTime\":\"02:00\"," +
        "\"durationMinutes\":60,\"reason\":\"x\"}", "weekday")]
    [InlineData("/api/maintenance", "{\"kind\":\"weekly\",\"weekday\":0,\"startTime\":\"25:00\"," +
        "\"durationMinutes\":60,\"reason\":\"x\"}", "startTime")]
    [InlineData("/api/maintenance", "{\"kind\":\"weekly\",\"weekday\":0,\"startTime\":\"02:00\"," +
        "\"durationMinutes\":1441,\"reason\":\"x\"}", "durationMinutes")]
    [InlineData("/api/maintenance", "{\"kind\":\"once\",\"startsAt\":4102444800000,\"endsAt\":4102444800000," +
        "\"reason\":\"x\"}", "endsAt")]
    [InlineData("/api/maintenance", "{\"kind\":\"once\",\"startsAt\":4102444800000,\"endsAt\":4102448400000}",
        "reason")]
    [InlineData("/api/maintenance", "{\"kind\":\"monthly\",\"reason\":\"x\"}", "kind")]
    [InlineData("/api/maintenance", "{\"account\":\"nobody\",\"kind\":\"once\",\"startsAt\":4102444800000," +
        "\"endsAt\":4102448400000,\"reason\":\"x\"}", "account")]
    public async Task AnInvalidActionIsA400NamingTheFieldAndNothingReachesTheProber(
        string path, string body, string field)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, "admin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (await response.JsonAsync()).GetProperty("field").GetString());
        Assert.Empty(_prober.Commands);
    }

    [Fact]
    public async Task ANoteLongerThanTwoThousandCharactersIsRefused()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/incidents/1/notes",
            $"{{\"text\":\"{new string('a', 2_001)}\"}}", "operator");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text", (await response.JsonAsync()).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/incidents/1/ack", "", null, "operator")]
    [InlineData("POST", "/api/incidents/1/notes", "{\"text\":\"looking\"}", "viewer", "operator")]
    [InlineData("POST", "/api/silences", "{\"account\":\"acme\",\"minutes\":30,\"reason\":\"x\"}", null, "operator")]
    [InlineData("DELETE", "/api/silences/1", "", "viewer", "operator")]
    [InlineData("POST", "/api/maintenance", "{\"kind\":\"weekly\",\"weekday\":0,\"startTime\":\"02:00\"," +
        "\"durationMinutes\":60,\"reason\":\"x\"}", "operator", "admin")]
    [InlineData("DELETE", "/api/maintenance/1", "", "operator", "admin")]
    public async Task ACallerWithoutTheRoleIsRefused403NamingTheRoleNeeded(
        string method, string path, string body, string? role, string needed)
    {
        using var response = await SendAsync(new HttpMethod(method), path, body, role);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(needed, problem.GetProperty("role").GetString());
        Assert.Contains(needed, problem.GetProperty("detail").GetString());
        Assert.Empty(_prober.Commands);
    }
}
