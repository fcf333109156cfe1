using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Persistence;

/// <summary>The writer's reads and writes of <c>check_status</c>: latest result and state machine per check.</summary>
public static class CheckStatusRows
{
    private const string Upsert =
        $"INSERT INTO check_status ({CheckStatusRecord.Columns}) VALUES (@account, @check_type, @status, @outcome, "
        + "@response_time, @last_check, @error_message, @http_status, @state, @streak, @failing_since, @incident_id, "
        + "@failure_kind) ON CONFLICT (account, check_type) DO UPDATE SET status = excluded.status, "
        + "outcome = excluded.outcome, response_time = excluded.response_time, last_check = excluded.last_check, "
        + "error_message = excluded.error_message, http_status = excluded.http_status, state = excluded.state, "
        + "streak = excluded.streak, failing_since = excluded.failing_since, incident_id = excluded.incident_id, "
        + "failure_kind = excluded.failure_kind";

    public static async Task<List<CheckStatusRecord>> ReadAsync(
        StoreSession session, IReadOnlyList<string> accounts, CancellationToken cancellationToken)
    {
        var statuses = new List<CheckStatusRecord>();
        if (accounts.Count == 0)
        {
            return statuses;
        }

        await using var command = session.Command(string.Empty);
        command.CommandText =
            $"SELECT {CheckStatusRecord.Columns} FROM check_status WHERE account IN " + command.InList("@a", accounts);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses.Add(CheckStatusRecord.Read(reader));
        }

        return statuses;
    }

    /// <summary>Writes the status as it is now: inserted when new, else updated on (account, check_type).</summary>
    public static async Task WriteAsync(StoreSession session, CheckStatusRecord status,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(Upsert)
            .With("@account", status.Account)
            .With("@check_type", status.CheckType)
            .With("@status", status.Status)
            .With("@outcome", status.Outcome.ToName())
            .With("@response_time", status.ResponseTime is { } time ? time : DBNull.Value)
            .With("@last_check", status.LastCheck)
            .With("@error_message", (object?)status.ErrorMessage ?? DBNull.Value)
            .With("@http_status", status.HttpStatus is { } http ? http : DBNull.Value)
            .With("@state", status.State.ToName())
            .With("@streak", status.Streak)
            .With("@failing_since", status.FailingSince is { } since ? since : DBNull.Value)
            .With("@incident_id", status.IncidentId is { } incident ? incident : DBNull.Value)
            .With("@failure_kind", status.Kind.ToName());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
