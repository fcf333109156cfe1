using System.Net.ServerSentEvents;
using System.Text.Json;
using AmoHealth.Api.Apis;
using AmoHealth.Api.Live;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AmoHealth.Tests.Integration.Api;

[Trait("Ring", "Integration")]
public sealed class StreamApiTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task StreamSendsASnapshotFirstThenLiveUpdatesFromRedisInTheSeedsShape()
    {
        await SeedStatusAsync();
        await using var api = new ApiHost(_database.Path, redis.ConnectionString);
        await using var events = await StreamEvents.OpenAsync(api.CreateClient());

        var snapshot = await events.NextUpdatesAsync(5);
        Assert.Equal(CheckType.All, snapshot.Select(e => Json(e).GetProperty("checkType").GetString()));
        Assert.All(snapshot, e => Assert.Equal(SseParser.EventTypeDefault, e.EventType));

        await WaitForSubscriberAsync(api);
        var update = StatusUpdate.Create("acme", CheckType.Get, Outcome.Down, 10_000, 1_699_876_543_210, "Timeout",
            1_699_876_543_999);
        await PublishAsync(JsonSerializer.Serialize(update, LiveJsonContext.Default.StatusUpdate));

        var live = Json((await events.NextUpdatesAsync(1)).Single());
        Assert.Equal("status_update", live.GetProperty("type").GetString());
        Assert.Equal("GET", live.GetProperty("checkType").GetString());
        var data = live.GetProperty("data");
        Assert.Equal("down", data.GetProperty("status").GetString());
        Assert.Equal(10_000, data.GetProperty("responseTime").GetInt32());
        Assert.Equal(1_699_876_543_210, data.GetProperty("lastCheck").GetInt64());
        Assert.Equal("Timeout", data.GetProperty("errorMessage").GetString());
        Assert.Equal(1_699_876_543_999, live.GetProperty("timestamp").GetInt64());
    }

    [Fact]
    public async Task IncidentsOpenedAndClosedArriveAsNamedEvents()
    {
        await _database.MigrateAsync();
        await using var api = new ApiHost(_database.Path, redis.ConnectionString);
        await using var events = await StreamEvents.OpenAsync(api.CreateClient());
        await WaitForSubscriberAsync(api);
        var incident = new IncidentRecord { Id = 42, Account = "acme", CheckType = CheckType.Hook, Kind = Outcome.Down,
            StartTime = 1_000, Details = "no webhook" };

        await PublishAsync(
            JsonSerializer.Serialize(IncidentEvent.From(incident, 1_500), LiveJsonContext.Default.IncidentEvent));
        incident.EndTime = 91_000;
        incident.Duration = 90_000;
        await PublishAsync(
            JsonSerializer.Serialize(IncidentEvent.From(incident, 91_500), LiveJsonContext.Default.IncidentEvent));

        var received = (await events.NextAsync(2, e => e.EventType != StreamApi.HeartbeatEvent)).ToList();
        Assert.Equal(["incident_opened", "incident_closed"], received.Select(e => e.EventType));
        var closed = Json(received[1]);
        Assert.Equal((42L, "HOOK", 90_000L),
            (closed.GetProperty("id").GetInt64(), closed.GetProperty("checkType").GetString(),
            closed.GetProperty("duration").GetInt64()));
        Assert.Equal("no webhook", Json(received[0]).GetProperty("details").GetString());
    }

    [Fact]
    public async Task WhenRedisStopsRestServesAndTheStreamStaysOpenThenResumesWhenRedisReturns()
    {
        var own = new RedisServer();
        await own.InitializeAsync();
        try
        {
            await SeedStatusAsync();
            await using var api = new ApiHost(_database.Path, own.ConnectionString, heartbeatSeconds: 1);
            using var client = api.CreateClient();
            await using var events = await StreamEvents.OpenAsync(client);
            await events.NextUpdatesAsync(5);
            await WaitForSubscriberAsync(api);

            await own.StopAsync();

            using (var status = await client.GetAsync("/api/status"))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);
            }

            Assert.Equal("heartbeat", (await events.NextAsync(1)).Single().EventType);

            await own.StartAsync();
            // The client library reconnects and resubscribes on its own; publish until the update gets through.
            var update = StatusUpdate.Create("acme", CheckType.Web, Outcome.Down, 900, 5, "HTTP 502", 6);
            var received = events.NextUpdatesAsync(1);
            await Eventually.GetAsync(async () =>
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(own.ConnectionString);
                await connection.GetSubscriber().PublishAsync(
                    RedisChannel.Literal(LiveChannels.Status),
                        JsonSerializer.Serialize(update, LiveJsonContext.Default.StatusUpdate));
                await Task.WhenAny(received, Task.Delay(500));
                return received.IsCompleted ? received : null;
            }, TimeSpan.FromSeconds(30), "live updates to resume after Redis returns");
            Assert.Equal("WEB", Json((await received).Single()).GetProperty("checkType").GetString());
        }
        finally
        {
            await own.StopAsync();
        }
    }

    [Fact]
    public async Task OpenStreamsEndWhenTheApiStopsSoTheyNeverHoldUpARestart()
    {
        await _database.MigrateAsync();
        await using var api = new ApiHost(_database.Path, redis.ConnectionString, heartbeatSeconds: 1);
        await using var events = await StreamEvents.OpenAsync(api.CreateClient());
        await events.NextAsync(1);

        api.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();

        var ended = await Assert.ThrowsAsync<InvalidOperationException>(() => events.NextAsync(100));
        Assert.Equal("The stream ended.", ended.Message);
    }

    [Fact]
    public async Task StreamSendsNamedHeartbeatsWhileIdleSoProxiesKeepItOpen()
    {
        await _database.MigrateAsync();
        await using var api = new ApiHost(_database.Path, redis.ConnectionString, heartbeatSeconds: 1);
        using var client = api.CreateClient();
        await using var events = await StreamEvents.OpenAsync(client);

        var beat = (await events.NextAsync(1)).Single();

        Assert.Equal("heartbeat", beat.EventType);
        Assert.Equal("no", events.Response.Headers.GetValues("X-Accel-Buffering").Single());
        Assert.Equal("text/event-stream", events.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AMalformedLiveMessageIsDroppedAndTheStreamGoesOn()
    {
        await _database.MigrateAsync();
        await using var api = new ApiHost(_database.Path, redis.ConnectionString);
        await using var events = await StreamEvents.OpenAsync(api.CreateClient());
        await WaitForSubscriberAsync(api);

        await PublishAsync("{not json");
        await PublishAsync("{\"type\":\"something_else\"}");
        var good = StatusUpdate.Create("acme", CheckType.Dp, Outcome.Up, 120, 1, null, 2);
        await PublishAsync(JsonSerializer.Serialize(good, LiveJsonContext.Default.StatusUpdate));

        var received = Json((await events.NextUpdatesAsync(1)).Single());
        Assert.Equal("DP", received.GetProperty("checkType").GetString());
    }

    [Fact]
    public async Task AClientThatLeavesReleasesItsSubscription()
    {
        await _database.MigrateAsync();
        await using var api = new ApiHost(_database.Path, redis.ConnectionString, heartbeatSeconds: 1);
        var hub = api.Services.GetRequiredService<StatusHub>();
        var events = await StreamEvents.OpenAsync(api.CreateClient());
        await events.NextAsync(1);
        Assert.Equal(1, hub.ClientCount);

        await events.DisposeAsync();

        await Eventually.TrueAsync(() => hub.ClientCount == 0, Wait, "the subscription to be released");
    }

    private async Task SeedStatusAsync()
    {
        var contexts = await _database.MigrateAsync();
        await using var db = await contexts.CreateDbContextAsync();
        foreach (var checkType in CheckType.All)
        {
            db.CheckStatuses.Add(new CheckStatusRecord
            {
                Account = "acme", CheckType = checkType, Status = "up", Outcome = Outcome.Up, ResponseTime = 100,
                    LastCheck = 1_000,
            });
        }

        await db.SaveChangesAsync();
    }

    private static Task WaitForSubscriberAsync(ApiHost api)
    {
        var hub = api.Services.GetRequiredService<StatusHub>();
        return Eventually.TrueAsync(() => hub.IsSubscribed, Wait, "the Api to subscribe to Redis");
    }

    private async Task PublishAsync(string message)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await connection.GetSubscriber().PublishAsync(RedisChannel.Literal(LiveChannels.Status), message);
    }

    private static JsonElement Json(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.Clone();
}
