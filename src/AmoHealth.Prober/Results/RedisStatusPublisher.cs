using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using StackExchange.Redis;

namespace AmoHealth.Prober.Results;

/// <summary>Publishes each result as the seed's <c>status_update</c> on <see cref="LiveChannels.Status"/>.</summary>
public sealed partial class RedisStatusPublisher(
    IConnectionMultiplexer redis,
    TimeProvider time,
    ILogger<RedisStatusPublisher> logger) : IStatusPublisher
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(LiveChannels.Status);

    public Task PublishAsync(IReadOnlyList<ProbeResult> results, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return SendAsync(results.Select(r => (r.CheckType, JsonSerializer.Serialize(StatusUpdate.From(r, now), LiveJsonContext.Default.StatusUpdate))).ToList());
    }

    public Task PublishIncidentsAsync(IReadOnlyList<IncidentRecord> incidents, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return SendAsync(incidents.Select(i => (i.CheckType, JsonSerializer.Serialize(IncidentEvent.From(i, now), LiveJsonContext.Default.IncidentEvent))).ToList());
    }

    private async Task SendAsync(IReadOnlyList<(string CheckType, string Json)> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        if (!redis.IsConnected)
        {
            LogRedisUnavailable(logger, messages.Count);
            return;
        }

        var subscriber = redis.GetSubscriber();
        foreach (var (checkType, json) in messages)
        {
            try
            {
                await subscriber.PublishAsync(Channel, json);
            }
            catch (RedisException ex)
            {
                LogPublishFailed(logger, ex, checkType);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not connected; {Count} live updates not sent (they are stored)")]
    private static partial void LogRedisUnavailable(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the {CheckType} update to Redis failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string checkType);
}
