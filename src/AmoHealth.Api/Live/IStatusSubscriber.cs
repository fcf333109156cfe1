namespace AmoHealth.Api.Live;

/// <summary>Where live messages come from. <see cref="StatusHub"/> asks it once and fans what arrives out to clients;
/// it does not know about Redis. Returns false when there is no source (the stream then sends snapshots and heartbeats
/// only).</summary>
public interface IStatusSubscriber
{
    Task<bool> SubscribeAsync(Action<string> onMessage, CancellationToken cancellationToken);
}
