using System.Net.ServerSentEvents;
using System.Text.Json;
using AmoHealth.Core.Live;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>Anyone who can publish on Redis sends garbage, half messages, a megabyte and well-formed lies on every
/// channel the services use: a Prober on PostgreSQL (which also listens for relayed webhooks) and an Api on the same
/// store keep probing, storing and streaming, no lie reaches a browser, and the drops are counted.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class RedisGarbageTests : IAsyncLifetime
{
    private const string Liar = "liar";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);
    private readonly RedisServer _redis = new() { Password = "garbage-test-" + Guid.NewGuid().ToString("N") };
    private readonly TempPostgresDatabase _store = new();
    private readonly TempDatabase _unused = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        _store.Dispose();
        _unused.Dispose();
    }

    [Fact]
    public async Task GarbageOnEveryRedisChannelStopsNeitherProberNorApiAndNoLieReachesTheStream()
    {
        var storage = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:amohealth"] = _store.ConnectionString,
        };
        await using var simulator = SimulatorHost.With();
        await using var prober = ProberHost.For(simulator, _unused, new(storage)
        {
            ["CHECK_INTERVAL"] = "1000",
            ["ConnectionStrings:redis"] = _redis.ConnectionString,
        });
        using var proberClient = prober.CreateClient();
        await using var api = new ApiHost(_unused.Path, _redis.ConnectionString, settings: storage);
        using var apiClient = api.CreateClient();
        await using var events = await StreamEvents.OpenAsync(apiClient);
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await NextLiveUpdateAfterAsync(events, started);

        var sent = await PublishGarbageAsync();
        var before = await StoredAsync();

        var after = await NextLiveUpdateAfterAsync(events, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Null(LiveSchema.Problem(after));
        await Eventually.GetAsync(async () => await StoredAsync() > before + 10 ? new object() : null, Wait,
            "results stored after the garbage");
        Assert.False(prober.Services.GetRequiredService<IHostApplicationLifetime>()
            .ApplicationStopping.IsCancellationRequested,
            "the Prober stopped");
        Assert.False(api.Services.GetRequiredService<IHostApplicationLifetime>()
            .ApplicationStopping.IsCancellationRequested,
            "the Api stopped");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await proberClient.GetAsync("/alive")).StatusCode);
        var dropped = await Eventually.GetAsync(async () => await DroppedAsync(apiClient, LiveChannels.Status) is var n
            && n >= sent ? (object)n : null,
            Wait, $"amohealth_redis_dropped_total for {LiveChannels.Status} to count the {sent} messages");
        Assert.True((double)dropped >= sent);
    }

    /// <summary>
    /// Reads the stream up to the first live update of a probe started after <paramref name="since"/>; no lie on the
    /// way.
    /// </summary>
    private static async Task<StatusUpdate> NextLiveUpdateAfterAsync(StreamEvents events, long since)
    {
        while (true)
        {
            var item = (await events.NextAsync(1, e => e.EventType != "heartbeat")).Single();
            Assert.DoesNotContain(Liar, item.Data, StringComparison.Ordinal);
            if (item.EventType != SseParser.EventTypeDefault)
            {
                var incident = JsonSerializer.Deserialize(item.Data, LiveJsonContext.Default.IncidentEvent)!;
                Assert.Null(LiveSchema.Problem(incident));
                continue;
            }

            var update = JsonSerializer.Deserialize(item.Data, LiveJsonContext.Default.StatusUpdate)!;
            Assert.Null(LiveSchema.Problem(update));
            if (update.Data.LastCheck > since)
            {
                return update;
            }
        }
    }

    /// <summary>Publishes every kind of garbage on every channel; returns how many went to each.</summary>
    private async Task<int> PublishGarbageAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var channels = typeof(LiveChannels).GetFields().Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Contains(LiveChannels.Hooks, channels);
        var garbage = Garbage().ToList();
        foreach (var channel in channels)
        {
            foreach (var message in garbage)
            {
                await connection.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), message);
            }
        }

        return garbage.Count;
    }

    private static IEnumerable<RedisValue> Garbage()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        yield return new byte[] { 0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28 };
        yield return "{\"type\":\"status_update\",\"checkType\":\"GET\",\"account\":\"liar\",\"data\":{\"sta";
        yield return "{\"type\":\"status_update\",\"account\":\"liar\",\"pad\":\"" + new string('x', 1 << 20) + "\"}";
        yield return "[1,2,3]";
        yield return "null";
        yield return "42";
        yield return "{}";
        yield return "{\"type\":\"status_update\",\"checkType\":42,\"account\":[\"liar\"],"
            + "\"data\":\"up\",\"timestamp\":\"soon\"}";
        yield return Lie("FAKE", "up", "up", 100, now, now);
        yield return Lie("GET", "up", "up", -5, -1, -1);
        yield return Lie("GET", "sideways", "up", 100, now, now);
        yield return Lie("GET", "up", "down", 100, now, now);
        yield return "{\"type\":\"incident_opened\",\"id\":-1,\"account\":\"liar\",\"checkType\":\"GET\","
            + "\"kind\":\"down\",\"startTime\":-100,\"timestamp\":1}";
        yield return "{\"type\":\"incident_closed\",\"id\":7,\"account\":\"liar\",\"checkType\":\"<b>x</b>\","
            + "\"kind\":\"down\",\"startTime\":1,\"timestamp\":1}";
        yield return "{\"type\":\"incident_opened\",\"id\":\"seven\",\"account\":\"liar\"}";
        // The shape the webhook relay carries, with lies in it.
        yield return "{\"Origin\":\"elsewhere\",\"Kind\":\"dp\",\"Account\":null,\"Form\":null,\"ReceivedAt\":-1}";
        yield return "{\"Origin\":\"elsewhere\",\"Kind\":7,\"Account\":\"liar\",\"Form\":{\"a\":1},"
            + "\"ReceivedAt\":\"now\"}";
        yield return "{\"Origin\":\"elsewhere\",\"Kind\":\"account\",\"Account\":\"liar\",\"Form\":{},\"ReceivedAt\":"
            + now + "}";
    }

    private static string Lie(string checkType, string status, string outcome, int responseTime, long lastCheck,
        long timestamp) =>
        $"{{\"type\":\"status_update\",\"checkType\":\"{checkType}\",\"account\":\"{Liar}\","
        + $"\"data\":{{\"status\":\"{status}\",\"outcome\":\"{outcome}\",\"responseTime\":{responseTime},"
        + $"\"lastCheck\":{lastCheck},\"errorMessage\":null}},\"timestamp\":{timestamp}}}";

    private async Task<int> StoredAsync()
    {
        await using var db = await ((ITestStore)_store).CreateFactory().CreateDbContextAsync();
        return await db.HealthChecks.CountAsync();
    }

    private static async Task<double> DroppedAsync(HttpClient api, string channel)
    {
        var text = await api.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith("amohealth_redis_dropped_total{", StringComparison.Ordinal)
                && l.Contains($"channel=\"{channel}\"", StringComparison.Ordinal))
            .Sum(l =>
                double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0],
                System.Globalization.CultureInfo.InvariantCulture));
    }
}
