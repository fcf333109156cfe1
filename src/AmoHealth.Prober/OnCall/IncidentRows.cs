using System.Data.Common;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>How an <c>incidents</c> row is read, with who took it and how far it escalated: the one reader the tracker
/// and people's actions share.</summary>
public static class IncidentRows
{
    public const string Columns = "id, check_type, start_time, end_time, duration, details, created_at, account, kind, "
        + "acknowledged_by, acknowledged_at, escalation_step, escalated_at";

    public static IncidentRecord Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        CheckType = reader.GetString(1),
        StartTime = reader.GetInt64(2),
        EndTime = reader.GetNullableInt64(3),
        Duration = reader.GetNullableInt64(4),
        Details = reader.GetNullableString(5),
        CreatedAt = reader.GetInt64(6),
        Account = reader.GetString(7),
        Kind = OutcomeNames.Parse(reader.GetString(8)),
        AcknowledgedBy = reader.GetNullableString(9),
        AcknowledgedAt = reader.GetNullableInt64(10),
        EscalationStep = reader.GetInt32(11),
        EscalatedAt = reader.GetNullableInt64(12),
    };

    /// <summary>The incident, or null.</summary>
    public static async Task<IncidentRecord?> FindAsync(StoreSession session, long id,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command($"SELECT {Columns} FROM incidents WHERE id = @id").With("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The ids of the open incidents of an account, of one check or (null) of all.</summary>
    public static async Task<List<long>> OpenInScopeAsync(StoreSession session, string account, string? checkType,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(string.Empty).With("@account", account);
        command.CommandText = "SELECT id FROM incidents WHERE account = @account AND end_time IS NULL"
            + (checkType is null ? string.Empty : " AND check_type = @check_type") + " ORDER BY id";
        if (checkType is not null)
        {
            command.With("@check_type", checkType);
        }

        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
