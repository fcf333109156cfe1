using AmoHealth.Core.Alerting;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>ℹ️ account notices that are not incidents: AmoHealth repaired its own fixture in the account. They go
/// through the outbox like every alert, so they are delivered once, in order, even across a restart.</summary>
public sealed class Notices(StoreConnections connections, AlertOutbox alerts, TimeProvider time)
{
    public const string Kind = NotificationKinds.Info;

    public async Task TestLeadReplacedAsync(
        string account, long oldId, long newId, bool wasConfigured, CancellationToken cancellationToken)
    {
        await using var session = await connections.BeginAsync(cancellationToken);
        await alerts.RaiseAsync(
            session, new TestLeadReplaced(account, oldId, newId, wasConfigured), time.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
    }
}
