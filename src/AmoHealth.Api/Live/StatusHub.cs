using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using AmoHealth.Core.Live;

namespace AmoHealth.Api.Live;

/// <summary>
/// Fans live messages from its <see cref="IStatusSubscriber"/> (status updates, incidents opened and closed) out to every connected
/// stream as ready SSE items. Each client has its own bounded
/// queue that drops its oldest item when full, so a slow client never slows the others or the hub.
/// </summary>
public sealed partial class StatusHub(
    IStatusSubscriber source,
    ILogger<StatusHub> logger) : BackgroundService
{
    internal const int ClientQueueCapacity = 256;

    private readonly ConcurrentDictionary<long, Channel<SseItem<string>>> _clients = new();
    private long _nextId;

    private volatile bool _subscribed;

    public int ClientCount => _clients.Count;

    /// <summary>Whether the hub is subscribed to its source (it stays subscribed across reconnects).</summary>
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
        LiveEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(json, LiveJsonContext.Default.LiveEnvelope);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        var type = envelope?.Type;

        SseItem<string> item;
        switch (type)
        {
            case StatusUpdate.EventType:
                // The stored row's id is the event id: a client that reconnects sends it back as Last-Event-ID.
                item = new SseItem<string>(json) { EventId = envelope?.ResultId?.ToString(System.Globalization.CultureInfo.InvariantCulture) };
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
        try
        {
            _subscribed = await source.SubscribeAsync(Broadcast, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the source answered.
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a malformed live message")]
    private static partial void LogMalformed(ILogger logger);
}
