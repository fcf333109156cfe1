using System.Net;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>The real Api process publishes a page through the Gateway; once it is stopped, the Gateway still serves
/// the page it last gave, marked stale and telling the snapshot's time.</summary>
[Trait("Ring", "Integration")]
public sealed class StatusPageApiAwayTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WhenTheApiProcessStopsItsLastPageIsServedMarkedStale()
    {
        await _database.MigrateAsync();
        HttpResponseMessage fresh;
        string page;
        GatewayHost gateway;
        using (var api = new ApiProcess(_database.Path, "StatusPages__demo__Account=demo"))
        {
            gateway = new GatewayHost(new() { ["services:api:http:0"] = api.Address.ToString() });
            using var first = gateway.Client();
            fresh = await Eventually.GetAsync(async () =>
            {
                var answer = await first.GetAsync("/status/demo");
                return answer.StatusCode == HttpStatusCode.OK ? answer : null;
            }, TimeSpan.FromSeconds(60), "the Api to serve /status/demo");
            page = await fresh.Content.ReadAsStringAsync();
        }

        await using (gateway)
        {
            using var client = gateway.Client();
            using var stale = await client.GetAsync("/status/demo");

            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.False(fresh.Headers.Contains("X-AmoHealth-Stale"));
            Assert.Equal("1", stale.Headers.GetValues("X-AmoHealth-Stale").Single());
            Assert.Equal(fresh.Headers.GetValues("X-AmoHealth-Snapshot-At").Single(),
                stale.Headers.GetValues("X-AmoHealth-Snapshot-At").Single());
            Assert.Equal(page, await stale.Content.ReadAsStringAsync());
            Assert.Contains("demo", page, StringComparison.Ordinal);
        }

        fresh.Dispose();
    }
}
