using AmoHealth.Core.Live;
using StackExchange.Redis;

namespace AmoHealth.Api.Live;

/// <summary>
/// Live messages from the Redis channel the Prober publishes to. Redis may be down when the Api starts: it
/// retries every 5 s until subscribed; once subscribed, the client resubscribes by itself after reconnects.
/// </summary>
public sealed partial class RedisStatusSubscriber(IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisStatusSubscriber> logger)
    : IStatusSubscriber
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    public async Task<bool> SubscribeAsync(Action<string> onMessage, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Retry, time);
        do
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(LiveChannels.Status), (_, message) => onMessage(message.ToString()));
                LogSubscribed(logger, LiveChannels.Status);
                return true;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                LogSubscribeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to Redis channel {Channel}")]
    private static partial void LogSubscribed(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to Redis failed; retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
