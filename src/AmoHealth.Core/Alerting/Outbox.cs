using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Alerting;

/// <summary>Adds an alert to the outbox (<c>notifications</c>), one row per usable channel, in the caller's
/// transaction: the Prober with the change it announces, the Api with its "not probing" mark.</summary>
public static class Outbox
{
    private const string Insert =
        "INSERT INTO notifications (created_at, account, check_type, incident_id, kind, channel, text, attempts, "
        + "next_attempt_at) "
        + "VALUES (@created_at, @account, @check_type, @incident_id, @kind, @channel, @text, 0, @created_at)";

    /// <summary>The message's incident (if any) is stored already: its rows name it by id.</summary>
    public static async Task AddAsync(
        StoreSession session,
        IEnumerable<string> channels,
        OutboxMessage message,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            await using var command = session.Command(Insert)
                .With("@created_at", now.ToUnixTimeMilliseconds())
                .With("@account", message.Account)
                .With("@check_type", message.CheckType)
                .With("@incident_id", message.IncidentId is > 0 ? message.IncidentId.Value : DBNull.Value)
                .With("@kind", message.Kind)
                .With("@channel", channel)
                .With("@text", message.Text);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
