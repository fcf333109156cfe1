using AmoHealth.Core.Alerting;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Prober.Alerting;

/// <summary>"👤 anna took it" to the usual channels, in the acknowledging transaction. The channel the click came from
/// (source "mattermost" or "telegram") is left out: its button's answer updates the 🔴 post itself, so the post is
/// not followed by a second message saying the same.</summary>
public sealed class AcknowledgementAlerts(AlertOutbox alerting) : IAcknowledgementAlerts
{
    public Task AnnounceAsync(StoreSession session, IncidentRecord incident, Actor actor, string source,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        var channels = alerting.Channels.Where(c => !string.Equals(c, source, StringComparison.Ordinal)).ToList();
        return channels.Count == 0
            ? Task.CompletedTask
            : Outbox.AddAsync(session, channels, alerting.Compose(new IncidentAcknowledged(incident, actor.Name, at)),
                at, cancellationToken);
    }
}
