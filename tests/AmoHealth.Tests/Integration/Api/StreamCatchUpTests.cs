using System.Text.Json;
using AmoHealth.Api.Live;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>Stream events carry the stored result's id; a client reconnecting with Last-Event-ID gets what it
/// missed.</summary>
[Trait("Ring", "Integration")]
public sealed class StreamCatchUpTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AReconnectingClientGetsTheResultsStoredWhileItWasAwayInOrderInsteadOfTheSnapshot()
    {
        var contexts = await _database.MigrateAsync();
        await StoreAsync(contexts, 1_000, CheckType.All);
        await using var api = new ApiHost(_database.Path, redis.ConnectionString);

        long cursor;
        await using (var first = await StreamEvents.OpenAsync(api.CreateClient()))
        {
            var snapshot = await first.NextUpdatesAsync(5);
            // The snapshot's last event holds the newest stored id: the client's cursor.
            cursor = long.Parse(snapshot[^1].EventId!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(await MaxIdAsync(contexts), cursor);
        }

        // While the client is away (its Api gone, Redis dropping the updates), three results are stored.
        await StoreAsync(contexts, 2_000, [CheckType.Get, CheckType.Web, CheckType.Hook]);

        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("Last-Event-ID",
            cursor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var again = await StreamEvents.OpenAsync(client);
        var missed = await again.NextUpdatesAsync(3);

        Assert.Equal(["GET", "WEB", "HOOK"], missed.Select(e => Json(e.Data).GetProperty("checkType").GetString()));
        Assert.Equal([cursor + 1, cursor + 2, cursor + 3],
            missed.Select(e => long.Parse(e.EventId!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(missed, e =>
            Assert.Equal(2_000, Json(e.Data).GetProperty("data").GetProperty("lastCheck").GetInt64()));
    }

    [Fact]
    public async Task AnIdFromAnotherDatabaseGetsTheSnapshot()
    {
        var contexts = await _database.MigrateAsync();
        await StoreAsync(contexts, 1_000, CheckType.All);
        await using var api = new ApiHost(_database.Path, redis.ConnectionString);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("Last-Event-ID", "999999");

        await using var events = await StreamEvents.OpenAsync(client);
        var snapshot = await events.NextUpdatesAsync(5);

        Assert.Equal(CheckType.All, snapshot.Select(e => Json(e.Data).GetProperty("checkType").GetString()));
    }

    [Fact]
    public async Task LiveUpdatesCarryTheirResultIdAsTheEventIdFromTheWriterToTheStream()
    {
        var contexts = await _database.MigrateAsync();
        var publisher = new RecordingPublisher();
        var channel = new ResultChannel();
        var writer = Pipeline.Writer(channel, new StoreConnections(_database.Options), publisher);
        await writer.StartAsync(CancellationToken.None);
        await channel.SubmitAsync(
            new ProbeResult("acme", CheckType.Get, Outcome.Up, 90, 5_000, 200, null) { Sequence = 1 },
            CancellationToken.None);
        await Eventually.TrueAsync(() => publisher.Count > 0, TimeSpan.FromSeconds(10), "the result to be published");
        await writer.StopAsync(CancellationToken.None);
        var published = Assert.Single(publisher.Results);
        Assert.Equal(await MaxIdAsync(contexts), published.StoredId);

        await using var api = new ApiHost(_database.Path, redis.ConnectionString);
        await using var events = await StreamEvents.OpenAsync(api.CreateClient());
        await events.NextUpdatesAsync(1);
        var hub = api.Services.GetRequiredService<StatusHub>();
        await Eventually.TrueAsync(() => hub.IsSubscribed, TimeSpan.FromSeconds(20), "the Api to subscribe to Redis");
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var json = JsonSerializer.Serialize(StatusUpdate.From(published, 6_000),
                LiveJsonContext.Default.StatusUpdate);
            await connection.GetSubscriber().PublishAsync(RedisChannel.Literal(LiveChannels.Status), json);
        }

        var live = (await events.NextUpdatesAsync(1)).Single();
        Assert.Equal(published.StoredId.ToString(System.Globalization.CultureInfo.InvariantCulture), live.EventId);
    }

    private static async Task StoreAsync(Microsoft.EntityFrameworkCore.IDbContextFactory<AmoHealthDbContext> contexts,
        long at, IEnumerable<string> checks)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var results = checks.Select(c => new ProbeResult("acme", c, Outcome.Up, 100, at, 200, null)).ToList();
        await Results.StoreAsync(db, results);
        foreach (var result in results)
        {
            var status = await db.CheckStatuses.FindAsync("acme", result.CheckType);
            if (status is null)
            {
                status = new CheckStatusRecord { Account = "acme", CheckType = result.CheckType,
                    Status = string.Empty };
                db.CheckStatuses.Add(status);
            }

            status.Apply(result);
        }

        await db.SaveChangesAsync();
    }

    private static async Task<long> MaxIdAsync(
        Microsoft.EntityFrameworkCore.IDbContextFactory<AmoHealthDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.HealthChecks.MaxAsync(h => h.Id);
    }

    private static JsonElement Json(string data) => JsonDocument.Parse(data).RootElement.Clone();
}
