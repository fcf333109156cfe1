using AmoHealth.Api.Info;
using AmoHealth.Api.Status;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>The Api's last-resort silence alert: only when no Prober is alive, and once for all the Apis.</summary>
[Trait("Ring", "Integration")]
public sealed class SilenceClusterTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly RedisServer _redis = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private SimulatorHost _mattermost = null!;
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        _contexts = await _database.MigrateAsync();
        await _redis.InitializeAsync();
        _mattermost = SimulatorHost.With();
        _control = _mattermost.CreateAmoClient();
        await using var db = await _contexts.CreateDbContextAsync();
        db.CheckStatuses.Add(new CheckStatusRecord
        {
            Account = "acme", CheckType = "GET", Status = "up", Outcome = Outcome.Up, LastCheck = _time.GetUtcNow()
                .ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _mattermost.DisposeAsync();
        await _redis.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task TwoApisPostOneWarningAndOneAllClearWhenNoProberIsAlive()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var apis = new[] { Watch(redis), Watch(redis) };

        _time.Advance(TimeSpan.FromSeconds(100));
        foreach (var api in apis)
        {
            await api.CheckAsync(CancellationToken.None);
        }

        await SetLastCheckAsync(_time.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (var api in apis)
        {
            await api.CheckAsync(CancellationToken.None);
        }

        var texts = await MattermostInbox.TextsAsync(_control);
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("⚠️", texts[0]);
        Assert.StartsWith("✅", texts[1]);
    }

    [Fact]
    public async Task TheApiStaysQuietWhileAProberStillWatches()
    {
        var api = Watch(null);
        _time.Advance(TimeSpan.FromSeconds(100));
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.ProbeStates.Add(new ProbeStateRecord
            {
                Account = string.Empty, Key = ProbeStateRecord.WatchHeartbeatKey, Value = _time.GetUtcNow()
                    .ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            await db.SaveChangesAsync();
        }

        await api.CheckAsync(CancellationToken.None);

        Assert.Empty(await MattermostInbox.TextsAsync(_control));
    }

    private SilenceWatch Watch(IConnectionMultiplexer? redis)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                [new("MATTERMOST_WEBHOOK_URL", new Uri(_mattermost.BaseUri, "/hooks/demo").ToString())])
            .Build();
        return new SilenceWatch(new StoreConnections(_database.Options),
            new SchemaState(new StoreConnections(_database.Options)),
            Options.Create(new DashboardOptions { CheckIntervalMs = 30_000 }), configuration,
            ApiChannels.With(new Uri(_mattermost.BaseUri, "/hooks/demo")), _time, NullLogger<SilenceWatch>.Instance,
            redis);
    }

    private async Task SetLastCheckAsync(long at)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        (await db.CheckStatuses.SingleAsync()).LastCheck = at;
        await db.SaveChangesAsync();
    }
}
