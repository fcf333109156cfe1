using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>Tells the alert channels that someone took an incident (from the dashboard, the API or a button), in the
/// acknowledging transaction. Implemented by the alerting stage; a Mattermost click also updates its own post.
/// </summary>
public interface IAcknowledgementAlerts
{
    Task AnnounceAsync(StoreSession session, IncidentRecord incident, Actor actor, string source, DateTimeOffset at,
        CancellationToken cancellationToken);
}
