using AmoHealth.Core.Live;
using AmoHealth.Tests.E2E.Browser;
using AmoHealth.Tests.Infrastructure;
using StackExchange.Redis;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>The Redis users README's multi-host section gives (read from README itself): the Prober's user publishes
/// and relays, the Api's user hears the status channel and cannot publish, and both connect with the options
/// shown.</summary>
[Trait("Ring", "Integration")]
public sealed class RedisAclTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly RedisServer _redis = new() { Password = "admin" + Guid.NewGuid().ToString("N") };

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task TheReadmesRedisUsersLetTheProberPublishAndTheApiOnlyListen()
    {
        var users = File.ReadAllLines(Path.Combine(BrowserFixture.RepositoryRoot(), "README.md"))
            .Where(l => l.StartsWith("user amohealth-", StringComparison.Ordinal))
            .ToDictionary(l => l.Split(' ')[1], l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]);
        Assert.Equal(["amohealth-api", "amohealth-prober"], users.Keys.Order());
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            foreach (var (name, rules) in users)
            {
                var password = rules.Single(r => r.StartsWith('>'));
                await admin.GetDatabase()
                    .ExecuteAsync("ACL", ["SETUSER", .. rules.Select(r => r == password ? ">" + name + "-pw" : r)]);
            }
        }

        await using var prober = await ConnectionMultiplexer.ConnectAsync(As("amohealth-prober"));
        await using var api = await ConnectionMultiplexer.ConnectAsync(As("amohealth-api"));
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await api.GetSubscriber()
            .SubscribeAsync(RedisChannel.Literal(LiveChannels.Status), (_, message) => heard.TrySetResult(message!));
        await prober.GetSubscriber().SubscribeAsync(RedisChannel.Literal(LiveChannels.Hooks), (_, _) => { });

        await prober.GetSubscriber().PublishAsync(RedisChannel.Literal(LiveChannels.Hooks), "relayed");
        await prober.GetSubscriber().PublishAsync(RedisChannel.Literal(LiveChannels.Status), "live");

        Assert.Equal("live", await heard.Task.WaitAsync(Wait));
        var refused = await Assert.ThrowsAsync<RedisServerException>(
            () => api.GetSubscriber().PublishAsync(RedisChannel.Literal(LiveChannels.Status), "a lie"));
        Assert.Contains("NOPERM", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RedisServerException>(() => prober.GetSubscriber()
            .PublishAsync(RedisChannel.Literal("elsewhere"), "x"));
        await Assert.ThrowsAsync<RedisServerException>(() => prober.GetDatabase().StringSetAsync("key", "value"));
    }

    private string As(string user) =>
        $"127.0.0.1:{_redis.Port},user={user},password={user}-pw,tiebreaker=,configChannel=";
}
