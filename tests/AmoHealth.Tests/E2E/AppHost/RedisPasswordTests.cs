using AmoHealth.AppHost.Redis;
using AmoHealth.Hosting;
using AmoHealth.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AmoHealth.Tests.E2E.AppHost;

/// <summary>The AppHost's local <c>redis-server</c> requires a generated password, and its health check signs in with
/// it.</summary>
[Trait("Ring", "EndToEnd")]
public sealed class RedisPasswordTests
{
    [Fact]
    public async Task TheLocalRedisServerRequiresAGeneratedPasswordThatTheServicesGetInTheirConnectionString()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AmoHealth_AppHost>(
            ["Redis:Mode=executable"]);
        var redis = builder.Resources.OfType<RedisServerResource>().Single();

        var args = new List<object>();
        foreach (var callback in redis.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(new CommandLineArgsCallbackContext(args, CancellationToken.None));
        }

        var flag = args.IndexOf("--requirepass");
        Assert.True(flag >= 0, "redis-server is started with --requirepass");
        var password = Assert.IsType<ParameterResource>(args[flag + 1]);
        Assert.True(password.Secret);
        Assert.Contains(password, redis.ConnectionStringExpression.ValueProviders);
        Assert.Contains(",password={", redis.ConnectionStringExpression.Format, StringComparison.Ordinal);
        var value = await password.GetValueAsync(CancellationToken.None);
        Assert.True(value is { Length: >= 16 } && value.All(char.IsAsciiLetterOrDigit),
            "a long password of letters and digits");
    }

    [Fact]
    public async Task TheHealthCheckAnswersOnlyWithThePassword()
    {
        await using var redis = new RedisServer { Password = "Pw" + Guid.NewGuid().ToString("N") };
        await redis.InitializeAsync();

        Assert.True(await RedisPing.PingAsync("127.0.0.1", redis.Port, redis.Password, CancellationToken.None));
        Assert.False(await RedisPing.PingAsync("127.0.0.1", redis.Port, "wrong", CancellationToken.None));
        Assert.False(await RedisPing.PingAsync("127.0.0.1", redis.Port, null, CancellationToken.None));
    }
}
