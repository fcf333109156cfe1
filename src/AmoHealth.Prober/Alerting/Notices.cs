using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>
/// ℹ️ messages that are not incidents: AmoHealth repaired its own fixture in the account. They go through the
/// outbox like every alert, so they are delivered once, in order, even across a restart.
/// </summary>
public sealed class Notices(
    StoreConnections connections,
    Notifications.Notifiers notifiers,
    IOptions<AlertOptions> alerts,
    TimeProvider time)
{
    public const string Kind = NotificationKinds.Info;

    public async Task TestLeadReplacedAsync(string account, long oldId, long newId, bool wasConfigured, CancellationToken cancellationToken)
    {
        var text = AlertText.TestLeadReplaced(account, oldId, newId, wasConfigured, alerts.Value.Language);
        await using var session = await connections.BeginAsync(cancellationToken);
        await Outbox.AddAsync(session, notifiers, account, CheckType.Post, null, Kind, text, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await session.CommitAsync(cancellationToken);
    }
}
