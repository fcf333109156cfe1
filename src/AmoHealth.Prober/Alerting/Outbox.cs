using AmoHealth.Core.Storage;
using AmoHealth.Prober.Notifications;

namespace AmoHealth.Prober.Alerting;

/// <summary>Adds an alert to the outbox, one row per usable channel, in the caller's transaction.</summary>
public static class Outbox
{
    private const string Insert =
        "INSERT INTO notifications (created_at, account, check_type, incident_id, kind, channel, text, attempts, next_attempt_at) "
        + "VALUES (@created_at, @account, @check_type, @incident_id, @kind, @channel, @text, 0, @created_at)";

    /// <summary><paramref name="incidentId"/>: the incident it announces, stored already (it has its id), or null.</summary>
    public static async Task AddAsync(
        StoreSession session,
        Notifiers notifiers,
        string account,
        string checkType,
        long? incidentId,
        string kind,
        string text,
        long now,
        CancellationToken cancellationToken)
    {
        foreach (var notifier in notifiers.Enabled)
        {
            await using var command = session.Command(Insert)
                .With("@created_at", now)
                .With("@account", account)
                .With("@check_type", checkType)
                .With("@incident_id", incidentId is > 0 ? incidentId.Value : DBNull.Value)
                .With("@kind", kind)
                .With("@channel", notifier.Name)
                .With("@text", text);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
