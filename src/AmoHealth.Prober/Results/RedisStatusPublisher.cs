using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using StackExchange.Redis;

namespace AmoHealth.Prober.Results;

/// <summary>Publishes each result as the seed's <c>status_update</c> on <see cref="LiveChannels.Status"/>.</summary>
public sealed partial class RedisStatusPublisher(
    IConnectionMultiplexer redis,
    TimeProvider time,
    ILogger<RedisStatusPublisher> logger) : IStatusPublisher
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(LiveChannels.Status);

    public async Task PublishAsync(IReadOnlyList<ProbeResult> results, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            LogRedisUnavailable(logger, results.Count);
            return;
        }

        var subscriber = redis.GetSubscriber();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var result in results)
        {
            var json = JsonSerializer.Serialize(StatusUpdate.From(result, now), LiveJsonContext.Default.StatusUpdate);
            try
            {
                await subscriber.PublishAsync(Channel, json);
            }
            catch (RedisException ex)
            {
                LogPublishFailed(logger, ex, result.CheckType);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not connected; {Count} live updates not sent (they are stored)")]
    private static partial void LogRedisUnavailable(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the {CheckType} update to Redis failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string checkType);
}
