using System.Text.Json;
using System.Threading.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Diagnostics;
using StackExchange.Redis;

namespace AmoHealth.Prober.Publishing;

/// <summary>Publishes each result as the seed's <c>status_update</c> on <see cref="LiveChannels.Status"/>. The writer
/// only hands messages over: a bounded queue (the oldest dropped when full) is drained by this service's own loop, so a
/// slow, stalled or absent Redis never slows or stops storing. Redis pub/sub is at-most-once anyway; SQLite is the
/// truth, and the stream's snapshot comes from it.</summary>
public sealed partial class RedisStatusPublisher(
    IConnectionMultiplexer redis,
    TimeProvider time,
    ProberMetrics metrics,
    ILogger<RedisStatusPublisher> logger) : BackgroundService, IStatusPublisher
{
    /// <summary>Messages waiting for Redis, at most; about ten minutes of 50 accounts at a 30 s interval.</summary>
    public const int Capacity = 10_000;

    private static readonly RedisChannel Channel = RedisChannel.Literal(LiveChannels.Status);

    private readonly Channel<(string CheckType, string Json)> _queue = System.Threading.Channels.Channel.CreateBounded<(
        string, string)>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
        _ => metrics.LiveDropped());

    public Task PublishAsync(IReadOnlyList<ProbeResult> results, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var result in results)
        {
            _queue.Writer.TryWrite((result.CheckType, JsonSerializer.Serialize(StatusUpdate.From(result, now),
                LiveJsonContext.Default.StatusUpdate)));
        }

        return Task.CompletedTask;
    }

    public Task PublishIncidentsAsync(IReadOnlyList<IncidentRecord> incidents, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var incident in incidents)
        {
            _queue.Writer.TryWrite((incident.CheckType, JsonSerializer.Serialize(IncidentEvent.From(incident, now),
                LiveJsonContext.Default.IncidentEvent)));
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (_queue.Reader.TryPeek(out var message))
                {
                    try
                    {
                        await redis.GetSubscriber().PublishAsync(Channel, message.Json);
                        _queue.Reader.TryRead(out _);
                        failures = 0;
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        // RedisTimeoutException is a TimeoutException, not a RedisException: catch everything here.
                        metrics.LiveFailed();
                        failures++;
                        LogPublishFailed(logger, ex, message.CheckType, _queue.Reader.Count);
                        await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(failures, 5))), time,
                            stoppingToken);
                    }
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is only live news; the store has it.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Publishing the {CheckType} update to Redis failed; {Queued} live updates wait (they are stored)")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string checkType, int queued);
}
