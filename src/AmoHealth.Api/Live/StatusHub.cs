using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using AmoHealth.Core.Live;

namespace AmoHealth.Api.Live;

/// <summary>Fans live messages from its <see cref="IStatusSubscriber"/> (status updates, incidents opened and closed)
/// out to every connected stream as ready SSE items, once checked against the stream's schema
/// (<see cref="LiveSchema"/>). Each client has its own bounded queue that drops its oldest item when full, so a slow
/// client never slows the others or the hub.</summary>
public sealed partial class StatusHub(
    IStatusSubscriber source,
    LiveInput input,
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

    /// <summary>Delivers one live message to every client when it matches the stream's schema: a <c>status_update</c>
    /// as a default (unnamed) event as the seed's clients expect, an incident change as a named event. What reaches a
    /// browser is written here from the validated record, never the text as it came; anything else is dropped and
    /// counted. Never throws: it runs on the Redis client's thread.</summary>
    internal void Broadcast(string json)
    {
        SseItem<string>? item;
        try
        {
            item = Validated(json);
        }
        catch (Exception ex)
        {
            LogBroadcastFailed(logger, ex);
            input.Drop(LiveChannels.Status, "error");
            return;
        }

        if (item is not { } valid)
        {
            return;
        }

        foreach (var client in _clients.Values)
        {
            client.Writer.TryWrite(valid);
        }
    }

    private SseItem<string>? Validated(string json)
    {
        const string channel = LiveChannels.Status;
        var envelope = input.TryParse(channel, json, LiveJsonContext.Default.LiveEnvelope, _ => null);
        switch (envelope?.Type)
        {
            case null when envelope is null:
                return null;
            case StatusUpdate.EventType:
                return input.TryParse(channel, json, LiveJsonContext.Default.StatusUpdate,
                    LiveSchema.Problem) is { } update
                    // The stored row's id is the event id: a client that reconnects sends it back as Last-Event-ID.
                    ? new SseItem<string>(
                        JsonSerializer.Serialize(LiveSchema.Normalized(update), LiveJsonContext.Default.StatusUpdate))
                    {
                        EventId = update.ResultId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }
                    : null;
            case IncidentEvent.Opened or IncidentEvent.Closed:
                return input.TryParse(channel, json, LiveJsonContext.Default.IncidentEvent,
                    LiveSchema.Problem) is { } incident
                    ? new SseItem<string>(JsonSerializer.Serialize(incident, LiveJsonContext.Default.IncidentEvent),
                        incident.Type)
                    : null;
            default:
                input.Drop(channel, "wrong_type");
                return null;
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "A live message could not be passed on; dropped (counted)")]
    private static partial void LogBroadcastFailed(ILogger logger, Exception exception);
}
