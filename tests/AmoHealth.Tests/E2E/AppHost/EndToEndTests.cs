using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AmoHealth.Tests.E2E.AppHost;

[Trait("Ring", "EndToEnd")]
[Collection(AppHostCollection.Name)]
public sealed class EndToEndTests(AppHostFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AProbeResultTravelsFromTheProberThroughSqliteToStatusAtTheGateway()
    {
        using var client = fixture.CreateGatewayClient();

        var entries = await Eventually.GetAsync(async () =>
        {
            using var response = await client.GetAsync("/api/status");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
                .ToList();
            // The first cycle can run before the Gateway (the receiver's public face) has started; HOOK and DP
            // then miss that cycle's webhooks. What matters is that every check comes up through the whole path.
            return list.Count == CheckType.All.Count && list.All(e => e.GetProperty("status").GetString() == "up")
                ? list : null;
        }, Wait, "five checks up in /api/status");

        Assert.Equal(CheckType.All, entries.Select(e => e.GetProperty("checkType").GetString()));
        Assert.All(entries, e =>
        {
            Assert.Equal("demo", e.GetProperty("account").GetString());
            Assert.True(e.GetProperty("status").GetString() == "up", e.ToString());
            Assert.Equal("up", e.GetProperty("outcome").GetString());
            Assert.True(e.GetProperty("responseTime").GetInt32() >= 0);
            Assert.True(e.GetProperty("lastCheck").GetInt64() > 1_700_000_000_000);
        });

        // The same results are in the seed's table, in the file the AppHost handed to the Prober.
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT COUNT(DISTINCT check_type) FROM health_checks WHERE account = 'demo' AND status = 'up';";
        Assert.Equal(5L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task LiveUpdatesTravelFromTheProberThroughRedisToTheStreamAtTheGateway()
    {
        using var client = fixture.CreateGatewayClient();
        var connectedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var events = await StreamEvents.OpenAsync(client);

        // Only a probe started after we connected can arrive here, and only live, through Redis.
        var live = await events.NextAsync(2, item =>
            item.EventType == "message"
            && JsonDocument.Parse(item.Data).RootElement is var root
            && root.GetProperty("checkType").GetString() == CheckType.Get
            && root.GetProperty("data").GetProperty("lastCheck").GetInt64() > connectedAt);

        var first = JsonDocument.Parse(live[0].Data).RootElement;
        var second = JsonDocument.Parse(live[1].Data).RootElement;
        Assert.Equal("status_update", first.GetProperty("type").GetString());
        Assert.Equal("up", first.GetProperty("data").GetProperty("status").GetString());
        // CHECK_INTERVAL given to the AppHost reached the Prober: the updates are 3 s apart, not 30 s. (A probe's
        // start can wait up to a second or two in the account's request budget in the first cycles, while the
        // test leads are created and verified, so the lower bound is loose.)
        var gap = second.GetProperty("data").GetProperty("lastCheck").GetInt64() - first.GetProperty("data")
            .GetProperty("lastCheck").GetInt64();
        Assert.InRange(gap, 1_000, AppHostFixture.CheckIntervalMs * 3);
    }

    [Fact]
    public async Task TheGatewayServesThePageAndKeepsUnknownApiPathsOutOfIt()
    {
        using var client = fixture.CreateGatewayClient();

        using var page = await client.GetAsync("/");
        using var deepLink = await client.GetAsync("/incidents/42");
        using var unknownApi = await client.GetAsync("/api/does-not-exist");
        using var health = await client.GetAsync("/health");
        using var history = await client.GetAsync("/api/history?hours=1");
        using var badHistory = await client.GetAsync("/api/history?hours=abc");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, deepLink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await history.Content.ReadAsStringAsync())
            .RootElement.ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, badHistory.StatusCode);
    }

    [Fact]
    public async Task TheGatewayServesTheApiDocumentItsBrowsableUiAndEachServicesMetrics()
    {
        using var client = fixture.CreateGatewayClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(
            new HashSet<string> { "/api/status", "/api/history", "/api/incidents", "/api/stats", "/api/stream" },
            paths.ToHashSet());
        var ui = await client.GetStringAsync("/api/docs/index.html");
        Assert.Contains("swagger-ui", ui);
        using var script = await client.GetAsync("/api/docs/swagger-ui-bundle.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        var prober = await Eventually.GetAsync(async () =>
        {
            var text = await client.GetStringAsync("/metrics/prober");
            return text.Contains("amohealth_check_up{", StringComparison.Ordinal) ? text : null;
        }, TimeSpan.FromSeconds(60), "the prober's metrics");
        Assert.Contains("amohealth_probe_duration_milliseconds_bucket{", prober);
        Assert.Contains("http_server_request_duration_seconds", await client.GetStringAsync("/metrics/api"));
    }
}
