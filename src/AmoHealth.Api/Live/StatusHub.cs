using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using AmoHealth.Core.Live;
using StackExchange.Redis;

namespace AmoHealth.Api.Live;

/// <summary>
/// Fans live messages from Redis (status updates, incidents opened and closed) out to every connected
/// stream as ready SSE items. Each client has its own bounded
/// queue that drops its oldest item when full, so a slow client never slows the others or the hub.
/// </summary>
public sealed partial class StatusHub(
    IServiceProvider services,
    TimeProvider time,
    ILogger<StatusHub> logger) : BackgroundService
{
    internal const int ClientQueueCapacity = 256;
    private static readonly TimeSpan SubscribeRetry = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, Channel<SseItem<string>>> _clients = new();
    private long _nextId;

    private volatile bool _subscribed;

    public int ClientCount => _clients.Count;

    /// <summary>Whether the hub is subscribed to Redis (it stays subscribed across reconnects).</summary>
    public bool IsSubscribed => _subscribed;

    /// <summary>Registers a client; dispose the subscription when the client leaves.</summary>
    public Subscription Subscribe()
    {
        var id = Interlocked.Increment(ref _nextId);
        var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(ClientQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        _clients[id] = channel;
        return new Subscription(this, id, channel.Reader);
    }

    /// <summary>
    /// Delivers one raw live message to every client, parsed once: a <c>status_update</c> as a default
    /// (unnamed) event as the seed's clients expect, an incident change as a named event. Anything else is dropped.
    /// </summary>
    internal void Broadcast(string json)
    {
        string? type;
        try
        {
            type = JsonSerializer.Deserialize(json, LiveJsonContext.Default.LiveEnvelope)?.Type;
        }
        catch (JsonException)
        {
            type = null;
        }

        SseItem<string> item;
        switch (type)
        {
            case StatusUpdate.EventType:
                item = new SseItem<string>(json);
                break;
            case IncidentEvent.Opened or IncidentEvent.Closed:
                item = new SseItem<string>(json, type);
                break;
            default:
                LogMalformed(logger);
                return;
        }

        foreach (var client in _clients.Values)
        {
            client.Writer.TryWrite(item);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            LogNoRedis(logger);
            return;
        }

        // Redis may be down when the Api starts; once subscribed, the client resubscribes after reconnects.
        using var timer = new PeriodicTimer(SubscribeRetry, time);
        do
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(
                    RedisChannel.Literal(LiveChannels.Status),
                    (_, message) => Broadcast(message.ToString()));
                _subscribed = true;
                LogSubscribed(logger, LiveChannels.Status);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogSubscribeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Remove(long id)
    {
        if (_clients.TryRemove(id, out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    /// <summary>One client's view of the hub.</summary>
    public sealed class Subscription(StatusHub hub, long id, ChannelReader<SseItem<string>> reader) : IDisposable
    {
        public ChannelReader<SseItem<string>> Reader => reader;

        public void Dispose() => hub.Remove(id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to Redis channel {Channel}")]
    private static partial void LogSubscribed(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to Redis failed; retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Redis connection string: the stream sends snapshots and heartbeats only")]
    private static partial void LogNoRedis(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a malformed live message")]
    private static partial void LogMalformed(ILogger logger);
}
