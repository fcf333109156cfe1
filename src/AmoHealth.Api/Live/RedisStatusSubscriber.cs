using AmoHealth.Core.Live;
using StackExchange.Redis;

namespace AmoHealth.Api.Live;

/// <summary>Live messages from the Redis channel the Prober publishes to. Redis may be down when the Api starts: it
/// retries with a growing pause (1 s up to 10 s) until subscribed; once subscribed, the client resubscribes by itself
/// after reconnects. A message that is empty, oversized or not UTF-8 is dropped here, before parsing.</summary>
public sealed partial class RedisStatusSubscriber(IConnectionMultiplexer redis, LiveInput input, TimeProvider time,
    ILogger<RedisStatusSubscriber> logger)
    : IStatusSubscriber
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);

    public async Task<bool> SubscribeAsync(Action<string> onMessage, CancellationToken cancellationToken)
    {
        var subscribed = await LiveSubscription.RetryAsync(
            () => redis.GetSubscriber()
                .SubscribeAsync(RedisChannel.Literal(LiveChannels.Status), (_, message) => Receive(message, onMessage)),
            LongestPause, time, (ex, pause) => LogSubscribeFailed(logger, ex, pause.TotalSeconds), cancellationToken);
        if (subscribed)
        {
            LogSubscribed(logger, LiveChannels.Status);
        }

        return subscribed;
    }

    private void Receive(RedisValue message, Action<string> onMessage)
    {
        try
        {
            if (input.TryRead(LiveChannels.Status, message, out var text))
            {
                onMessage(text);
            }
        }
        catch (Exception)
        {
            // The Redis client's reader thread must never see an exception from here.
            input.Drop(LiveChannels.Status, "error");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to Redis channel {Channel}")]
    private static partial void LogSubscribed(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to Redis failed; retrying in {Seconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, double seconds);
}
