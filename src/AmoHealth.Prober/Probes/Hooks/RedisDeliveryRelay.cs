using AmoHealth.Core.Live;
using StackExchange.Redis;

namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// Several Probers: a delivery no local check was waiting for is published on <see cref="LiveChannels.Hooks"/> (its
/// match keys only, see <see cref="RelayMessage"/>), and every other Prober hands what it hears there to its own
/// waiting checks. The receiver still answers amoCRM at once: publishing is fire-and-forget. The arrival time
/// travels with the delivery, so the waiting check measures amoCRM's latency, not the relay's. A message that
/// fails <see cref="RelayMessage.Read"/> is dropped and counted (<c>amohealth.redis.dropped</c>), never thrown.
/// </summary>
public sealed partial class RedisDeliveryRelay(
    IConnectionMultiplexer redis,
    DeliveryWaiters waiters,
    LiveInput input,
    TimeProvider time,
    ILogger<RedisDeliveryRelay> logger) : BackgroundService, IDeliveryRelay
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(LiveChannels.Hooks);
    private static readonly TimeSpan MaxSubscribeWait = TimeSpan.FromSeconds(30);

    private readonly string _origin = Guid.NewGuid().ToString("N");

    public void Share(Delivery delivery)
    {
        try
        {
            redis.GetSubscriber().Publish(Channel, RelayMessage.Write(_origin, delivery), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            LogShareFailed(logger, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var queue = await SubscribeAsync(stoppingToken);
            try
            {
                await foreach (var message in queue.WithCancellation(stoppingToken))
                {
                    Handle(message.Message);
                }
            }
            finally
            {
                await queue.UnsubscribeAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Subscribes, retrying with a growing pause while Redis is away (at start, say).</summary>
    private async Task<ChannelMessageQueue> SubscribeAsync(CancellationToken stoppingToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await redis.GetSubscriber().SubscribeAsync(Channel);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogSubscribeFailed(logger, ex, (int)wait.TotalSeconds);
                await Task.Delay(wait, time, stoppingToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxSubscribeWait.Ticks));
            }
        }
    }

    private void Handle(RedisValue message)
    {
        try
        {
            var (delivery, origin, problem) = RelayMessage.Read(message, time.GetUtcNow().ToUnixTimeMilliseconds());
            if (problem is not null)
            {
                Drop(problem);
                return;
            }

            if (origin != _origin)
            {
                var matched = waiters.Deliver(delivery!);
                LogRelayed(logger, delivery!.Kind, delivery.Account, matched);
            }
        }
        catch (Exception ex)
        {
            // Whatever a message does, the loop goes on.
            Drop(ex.GetType().Name);
        }
    }

    private void Drop(string reason) => input.Drop(LiveChannels.Hooks, reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passing a webhook delivery to the other Probers failed")]
    private static partial void LogShareFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the webhook relay; trying again in {Seconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, int seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A {Kind} webhook for {Account} came from another Prober; {Matched} check(s) here waited for it")]
    private static partial void LogRelayed(ILogger logger, string kind, string? account, int matched);
}
