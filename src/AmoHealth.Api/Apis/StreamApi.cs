using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AmoHealth.Api.Live;
using AmoHealth.Api.Status;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Apis;

public static class StreamApi
{
    public const string HeartbeatEvent = "heartbeat";

    /// <summary>Maps <c>GET /api/stream</c>: Server-Sent Events. First a snapshot (one <c>status_update</c> per account
    /// and check, from SQLite), then live updates from Redis, with heartbeats while idle. Status updates use the
    /// default event type so the seed's <c>EventSource.onmessage</c> clients keep working; <c>incident_opened</c>,
    /// <c>incident_closed</c> and <c>heartbeat</c> are named events, so those clients never see them. Each status
    /// update carries the stored result's id as its SSE <c>id:</c>; a client that reconnects with <c>Last-Event-ID</c>
    /// (EventSource does) gets the results it missed, from the store, instead of the snapshot.</summary>
    public static RouteGroupBuilder MapStreamApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("Stream");
        group.MapGet("/stream", GetStream)
            .WithSummary("Live status: Server-Sent Events")
            .WithDescription("A snapshot (one unnamed `status_update` per account and check), then live updates, " +
                "`incident_opened` and `incident_closed` named events, and a `heartbeat` event while idle.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .RequireRateLimiting(Limits.ClientLimits.StreamPolicy);
        return group;
    }

    public static IResult GetStream(
        HttpContext context,
        StatusHub hub,
        StatusReader reader,
        StreamCatchUp catchUp,
        SchemaState schema,
        IOptions<StreamOptions> options,
        IHostApplicationLifetime lifetime,
        TimeProvider time)
    {
        // Nginx must not buffer the stream; browsers and proxies must not cache it.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Response.Headers.CacheControl = "no-cache";
        var heartbeat = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        // A stream ends when the client leaves or when the Api stops: open streams must never hold up a
        // restart (the client reconnects to the next process).
        long? lastEventId = long.TryParse(
            context.Request.Headers["Last-Event-ID"].ToString(), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var last) ? last : null;
        return TypedResults.ServerSentEvents(
            EventsAsync(hub, reader, catchUp, lastEventId, schema, heartbeat, time, lifetime.ApplicationStopping));
    }

    internal static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        StatusHub hub,
        StatusReader reader,
        StreamCatchUp catchUp,
        long? lastEventId,
        SchemaState schema,
        TimeSpan heartbeat,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe before reading the snapshot: an update in between is sent twice rather than lost.
        using var subscription = hub.Subscribe();

        if (await schema.IsReadyAsync(cancellationToken))
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var missed = lastEventId is { } last ? await catchUp.AfterAsync(last, now, cancellationToken) : null;
            if (missed is not null)
            {
                foreach (var update in missed)
                {
                    yield return Item(update, update.ResultId);
                }
            }
            else
            {
                // The snapshot; its last event carries the newest stored id, the client's cursor from now on.
                var cursor = await catchUp.LatestIdAsync(cancellationToken);
                var rows = await reader.ReadAsync(cancellationToken);
                for (var i = 0; i < rows.Count; i++)
                {
                    var update = StatusUpdate.Of(CheckStatusDto.Of(rows[i]), now);
                    yield return Item(update, i == rows.Count - 1 ? cursor : null);
                }
            }
        }

        var pendingRead = subscription.Reader.WaitToReadAsync(cancellationToken).AsTask();
        while (!cancellationToken.IsCancellationRequested)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var beat = Task.Delay(heartbeat, time, idle.Token);
            var first = await Task.WhenAny(pendingRead, beat);
            await idle.CancelAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (first == beat)
            {
                yield return new SseItem<string>(
                    $"{{\"type\":\"heartbeat\",\"timestamp\":{time.GetUtcNow().ToUnixTimeMilliseconds()}}}",
                    HeartbeatEvent);
                continue;
            }

            if (!await pendingRead)
            {
                yield break;
            }

            while (subscription.Reader.TryRead(out var item))
            {
                yield return item;
            }

            pendingRead = subscription.Reader.WaitToReadAsync(cancellationToken).AsTask();
        }
    }

    private static SseItem<string> Item(StatusUpdate update, long? id) =>
        new(JsonSerializer.Serialize(update, LiveJsonContext.Default.StatusUpdate))
        {
            EventId = id?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
