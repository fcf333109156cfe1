using AmoHealth.Core.Live;
using StackExchange.Redis;

namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// Several Probers: a delivery no local check was waiting for is published on <see cref="LiveChannels.Hooks"/> (its
/// match keys only, see <see cref="RelayMessage"/>), and every other Prober hands what it hears there to its own
/// waiting checks. The receiver still answers amoCRM at once: publishing is fire-and-forget. The arrival time
/// travels with the delivery, so the waiting check measures amoCRM's latency, not the relay's. A message that
/// fails <see cref="LiveInput"/> or <see cref="RelayMessage.Problem"/> is dropped and counted
/// (<c>amohealth.redis.dropped</c>), never thrown.
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
        ChannelMessageQueue? queue = null;
        if (!await LiveSubscription.RetryAsync(
                async () => queue = await redis.GetSubscriber().SubscribeAsync(Channel),
                MaxSubscribeWait, time, (ex, pause) => LogSubscribeFailed(logger, ex, (
                    int)pause.TotalSeconds), stoppingToken))
        {
            return;
        }

        try
        {
            await foreach (var message in queue!.WithCancellation(stoppingToken))
            {
                Handle(message.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await queue!.UnsubscribeAsync();
        }
    }

    private void Handle(RedisValue message)
    {
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (input.TryRead(LiveChannels.Hooks, message, out var text, RelayMessage.MaxBytes)
                && input.TryParse(LiveChannels.Hooks, text, LiveJsonContext.Default.RelayedDelivery, r =>
                    RelayMessage.Problem(r, now)) is { } relayed
                && relayed.Origin != _origin)
            {
                var delivery = RelayMessage.ToDelivery(relayed);
                var matched = waiters.Deliver(delivery);
                LogRelayed(logger, delivery.Kind, delivery.Account, matched);
            }
        }
        catch (Exception ex)
        {
            // Whatever a message does, the loop goes on.
            input.Drop(LiveChannels.Hooks, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passing a webhook delivery to the other Probers failed")]
    private static partial void LogShareFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not subscribe to the webhook relay; trying again in {Seconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, int seconds);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "A {Kind} webhook for {Account} came from another Prober; {Matched} check(s) here waited for it")]
    private static partial void LogRelayed(ILogger logger, string kind, string? account, int matched);
}
