using AmoHealth.Core.Live;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>A Redis stalling under a running Prober: storing goes on, the process lives, live updates resume.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class RedisStallTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync()
    {
        _redis.Resume();
        return _redis.DisposeAsync();
    }

    [Fact]
    public async Task APausedRedisNeitherStopsTheProberNorLosesAResult()
    {
        using var database = new TempDatabase();
        await using var simulator = SimulatorHost.With();
        await using var prober = ProberHost.For(simulator, database, new()
        {
            ["CHECK_INTERVAL"] = "1000",
            ["ConnectionStrings:redis"] = _redis.ConnectionString,
        });
        using var client = prober.CreateClient();
        await using var listener = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var received = 0;
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal(LiveChannels.Status), (_, _) =>
            Interlocked.Increment(ref received));
        await Eventually.TrueAsync(() => Volatile.Read(ref received) > 0, TimeSpan.FromSeconds(30),
            "the first live update");

        _redis.Pause();
        var before = await CountAsync(database);
        // Far past StackExchange.Redis's 5 s command timeout: its RedisTimeoutException once ended the Prober.
        await Task.Delay(TimeSpan.FromSeconds(20));
        var during = await CountAsync(database);
        _redis.Resume();

        Assert.True(during >= before + 30, $"results kept being stored while Redis was paused ({before} → {during})");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        var afterResume = Volatile.Read(ref received);
        await Eventually.TrueAsync(() => Volatile.Read(ref received) > afterResume + 5, TimeSpan.FromSeconds(30),
            "live updates after SIGCONT");
        await Eventually.GetAsync(async () => await CountAsync(database) > during + 2 ? new object() : null,
            TimeSpan.FromSeconds(30), "probing goes on after the pause");
    }

    private static async Task<int> CountAsync(TempDatabase database)
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        return await db.HealthChecks.CountAsync();
    }
}
