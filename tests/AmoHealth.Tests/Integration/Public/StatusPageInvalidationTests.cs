using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AmoHealth.Tests.Integration.Public;

/// <summary>The cached snapshot: served unchanged while nothing says it changed (the clock stands still, so its
/// lifetime never runs out by itself), dropped at once when the Prober publishes a change of the account's state, and
/// refreshed after its lifetime without Redis.</summary>
[Trait("Ring", "Integration")]
public sealed class StatusPageInvalidationTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;

    public async Task InitializeAsync()
    {
        _contexts = await _database.MigrateAsync();
        await StatusPageSeed.SeedAsync(_contexts);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AStateChangeHeardFromRedisShowsOnThePageAtOnce()
    {
        await using var api = StatusPageApi.Start(_database, new FakeTimeProvider(StatusPageSeed.Now),
            StatusPageSeed.Page(), redis.ConnectionString);
        using var client = api.CreateClient();
        using var first = await client.GetAsync("/status/acme?lang=en");
        var tag = first.Headers.ETag!.Tag;
        Assert.Contains("API: read (GET)</span> <span class=\"state s-operational\">",
            await first.Content.ReadAsStringAsync());

        await StatusPageSeed.SetStateAsync(_contexts, CheckType.Get, Outcome.Down, CheckState.Down);
        using (var cached = await ConditionalGetAsync(client, tag))
        {
            Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
        }

        // The Prober's message for the result that confirmed the outage; published until the Api has subscribed.
        var update = StatusUpdate.Create("acme", CheckType.Get, Outcome.Down, 900, StatusPageSeed.Now
            .ToUnixTimeMilliseconds(), "HTTP 503", StatusPageSeed.Now.ToUnixTimeMilliseconds());
        await using var publisher = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var changed = await Eventually.GetAsync(async () =>
        {
            await publisher.GetSubscriber().PublishAsync(RedisChannel.Literal(LiveChannels.Status),
                JsonSerializer.Serialize(update, LiveJsonContext.Default.StatusUpdate));
            var response = await ConditionalGetAsync(client, tag);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return response;
            }

            response.Dispose();
            return null;
        }, TimeSpan.FromSeconds(30), "the page to change after the published state change");
        using var _ = changed;

        Assert.Contains("API: read (GET)</span> <span class=\"state s-down\">",
            await changed.Content.ReadAsStringAsync());
        Assert.NotEqual(tag, changed.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task WithoutRedisTheSnapshotIsBuiltAgainAfterItsLifetime()
    {
        var clock = new FakeTimeProvider(StatusPageSeed.Now);
        await using var api = StatusPageApi.Start(_database, clock, StatusPageSeed.Page());
        using var client = api.CreateClient();
        using var first = await client.GetAsync("/status/acme?lang=en");
        var tag = first.Headers.ETag!.Tag;

        await StatusPageSeed.SetStateAsync(_contexts, CheckType.Get, Outcome.Down, CheckState.Down);
        using var cached = await ConditionalGetAsync(client, tag);
        clock.Advance(AmoHealth.Api.Public.PublicSnapshotReader.Lifetime);
        using var refreshed = await ConditionalGetAsync(client, tag);

        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Contains("API: read (GET)</span> <span class=\"state s-down\">",
            await refreshed.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> ConditionalGetAsync(HttpClient client, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status/acme?lang=en");
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        return await client.SendAsync(request);
    }
}
