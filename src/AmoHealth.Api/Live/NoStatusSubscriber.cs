namespace AmoHealth.Api.Live;

/// <summary>No Redis configured: nothing live arrives; the stream sends snapshots and heartbeats only.</summary>
public sealed partial class NoStatusSubscriber(ILogger<NoStatusSubscriber> logger) : IStatusSubscriber
{
    public Task<bool> SubscribeAsync(Action<string> onMessage, CancellationToken cancellationToken)
    {
        LogNoRedis(logger);
        return Task.FromResult(false);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No Redis connection string: the stream sends snapshots and heartbeats only")]
    private static partial void LogNoRedis(ILogger logger);
}
