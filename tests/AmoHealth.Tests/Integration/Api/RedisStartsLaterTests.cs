using System.Net.ServerSentEvents;
using System.Text.Json;
using AmoHealth.Core.Live;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>Redis is down when the services start (a reboot where it comes up last): a Prober on PostgreSQL and an Api
/// start, probe, store and answer REST without it, and live updates reach the stream once Redis appears.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class RedisStartsLaterTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly RedisServer _redis = new() { Password = "late-" + Guid.NewGuid().ToString("N") };
    private readonly TempPostgresDatabase _store = new();
    private readonly TempDatabase _unused = new();

    public Task InitializeAsync()
    {
        _redis.ReservePort();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        _store.Dispose();
        _unused.Dispose();
    }

    [Fact]
    public async Task ServicesStartedWhileRedisIsDownWorkAndStreamLiveOnceItAppears()
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
        await using var api = new ApiHost(_unused.Path, _redis.ConnectionString, heartbeatSeconds: 1,
            settings: storage);
        using var apiClient = api.CreateClient();

        await Eventually.GetAsync(async () => await StoredAsync() > 10 ? new object() : null, Wait,
            "results stored without Redis");
        using (var status = await apiClient.GetAsync("/api/status"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);
        }

        await using var events = await StreamEvents.OpenAsync(api.CreateClient());
        await _redis.StartAsync();
        var since = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        while (true)
        {
            var item = (await events.NextAsync(1, e => e.EventType == SseParser.EventTypeDefault)).Single();
            if (JsonSerializer.Deserialize(item.Data, LiveJsonContext.Default.StatusUpdate)!.Data.LastCheck > since)
            {
                break;
            }
        }

        Assert.False(prober.Services.GetRequiredService<IHostApplicationLifetime>()
            .ApplicationStopping.IsCancellationRequested,
            "the Prober stopped");
    }

    private async Task<int> StoredAsync()
    {
        await using var db = await ((ITestStore)_store).CreateFactory().CreateDbContextAsync();
        return await db.HealthChecks.CountAsync();
    }
}
