using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>What the alert timers and the "not probing" watch remember in <c>probe_state</c>, read and written as plain
/// commands in the caller's session, so a mark is written in the same transaction as the alert it goes with.</summary>
public static class StateMarks
{
    /// <summary>Every account's value of <paramref name="key"/>.</summary>
    public static async Task<List<ProbeStateRecord>> AllAsync(
        StoreSession session,
        string key,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT account, \"key\", \"value\" FROM probe_state WHERE \"key\" = "
            + "@key").With("@key", key);
        return await ProbeStateRows.ReadAsync(command, cancellationToken);
    }

    /// <summary>The account's value of <paramref name="key"/>, or null.</summary>
    public static async Task<string?> GetAsync(
        StoreSession session,
        string account,
        string key,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT \"value\" FROM probe_state WHERE account = @account AND "
            + "\"key\" = @key")
            .With("@account", account).With("@key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public static async Task SetAsync(
        StoreSession session,
        string account,
        string key,
        string value,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(
                "INSERT INTO probe_state (account, \"key\", \"value\") VALUES (@account, @key, @value) "
                + "ON CONFLICT (account, \"key\") DO UPDATE SET \"value\" = excluded.\"value\"")
            .With("@account", account).With("@key", key).With("@value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task RemoveAsync(
        StoreSession session,
        string account,
        string key,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command("DELETE FROM probe_state WHERE account = @account AND \"key\" = @key")
            .With("@account", account).With("@key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
