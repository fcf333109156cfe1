using System.Text.Json;
using AmoHealth.Core.Live;
using StackExchange.Redis;

namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// Several Probers: a delivery no local check was waiting for is published on <see cref="LiveChannels.Hooks"/>,
/// and every other Prober hands what it hears there to its own waiting checks. The receiver still answers
/// amoCRM at once: publishing is fire-and-forget. The arrival time travels with the delivery, so the waiting
/// check measures amoCRM's latency, not the relay's.
/// </summary>
public sealed partial class RedisDeliveryRelay(
    IConnectionMultiplexer redis,
    DeliveryWaiters waiters,
    ILogger<RedisDeliveryRelay> logger) : BackgroundService, IDeliveryRelay
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(LiveChannels.Hooks);
    private readonly string _origin = Guid.NewGuid().ToString("N");

    public void Share(Delivery delivery)
    {
        try
        {
            var message = JsonSerializer.Serialize(new RelayedDelivery(
                _origin, delivery.Kind, delivery.Account, delivery.Form.ToDictionary(StringComparer.Ordinal), delivery.ReceivedAt));
            redis.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            LogShareFailed(logger, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        try
        {
            await foreach (var message in queue.WithCancellation(stoppingToken))
            {
                if (JsonSerializer.Deserialize<RelayedDelivery>(message.Message.ToString()) is { } relayed && relayed.Origin != _origin)
                {
                    var matched = waiters.Deliver(new Delivery(relayed.Kind, relayed.Account, relayed.Form, relayed.ReceivedAt));
                    LogRelayed(logger, relayed.Kind, relayed.Account, matched);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passing a webhook delivery to the other Probers failed")]
    private static partial void LogShareFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A {Kind} webhook for {Account} came from another Prober; {Matched} check(s) here waited for it")]
    private static partial void LogRelayed(ILogger logger, string kind, string? account, int matched);
}
