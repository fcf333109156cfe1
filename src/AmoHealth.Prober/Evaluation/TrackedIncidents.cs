using AmoHealth.Core.Checks;
using System.Data.Common;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Prober.Evaluation;

/// <summary>The <c>incidents</c> rows one batch reads and writes, in the writer's transaction. Every change is written
/// at once (an opened incident gets its id before an alert can name it, a close is in the store before an incident of
/// another kind opens: at most one open incident per check, the index <c>ux_incidents_open</c>), so the queries below
/// see what this batch opened and closed earlier. Each incident is one instance per batch, whether found by id or as
/// the open one of its check.</summary>
public sealed class TrackedIncidents(StoreSession session)
{
    private const string Columns = IncidentRows.Columns;

    private readonly Dictionary<long, IncidentRecord> _known = [];

    /// <summary>The writer's session, for the alerts written beside the incidents.</summary>
    public StoreSession Session => session;

    public async Task<IncidentRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(id, out var known))
        {
            return known;
        }

        await using var command = session.Command($"SELECT {Columns} FROM incidents WHERE id = @id").With("@id", id);
        return await SingleAsync(command, cancellationToken);
    }

    /// <summary>The open incident of a check (there is at most one), or null.</summary>
    public async Task<IncidentRecord?> OpenOfAsync(
        string account,
        string checkType,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(
                $"SELECT {Columns} FROM incidents "
                + "WHERE account = @account AND check_type = @check_type AND end_time IS NULL")
            .With("@account", account)
            .With("@check_type", checkType);
        return await SingleAsync(command, cancellationToken);
    }

    /// <summary>Whether another check of the account has an open incident of this kind.</summary>
    public async Task<bool> OtherOpenOfKindAsync(
        string account,
        string checkType,
        Outcome kind,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(
                "SELECT COUNT(*) FROM incidents WHERE account = @account AND check_type <> @check_type AND end_time IS "
                    + "NULL AND kind = @kind")
            .With("@account", account)
            .With("@check_type", checkType)
            .With("@kind", kind.ToName());
        return await command.ScalarInt64Async(cancellationToken) > 0;
    }

    public async Task AddAsync(IncidentRecord incident, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
                "INSERT INTO incidents (check_type, start_time, end_time, duration, details, created_at, account, "
                    + "kind) "
                + "VALUES (@check_type, @start_time, NULL, NULL, @details, @created_at, @account, @kind) RETURNING id")
            .With("@check_type", incident.CheckType)
            .With("@start_time", incident.StartTime)
            .With("@details", (object?)incident.Details ?? DBNull.Value)
            .With("@created_at", incident.CreatedAt)
            .With("@account", incident.Account)
            .With("@kind", incident.Kind.ToName());
        incident.Id = await command.ScalarInt64Async(cancellationToken)
            ?? throw new InvalidOperationException("INSERT INTO incidents returned no id");
        _known[incident.Id] = incident;
    }

    /// <summary>Stores the end time and duration of an incident, both set by the caller.</summary>
    public async Task CloseAsync(IncidentRecord incident, CancellationToken cancellationToken)
    {
        await using var command = session.Command("UPDATE incidents SET end_time = @end_time, duration = @duration "
            + "WHERE id = @id")
            .With("@end_time", incident.EndTime is { } end ? end : DBNull.Value)
            .With("@duration", incident.Duration is { } duration ? duration : DBNull.Value)
            .With("@id", incident.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IncidentRecord?> SingleAsync(DbCommand command, CancellationToken cancellationToken)
    {
        IncidentRecord? found = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (found is not null)
                {
                    throw new InvalidOperationException("More than one open incident of a check");
                }

                found = IncidentRows.Read(reader);
            }
        }

        if (found is null)
        {
            return null;
        }

        // The instance this batch already holds wins: it is the one the batch changes and reports.
        if (_known.TryGetValue(found.Id, out var known))
        {
            return known;
        }

        _known[found.Id] = found;
        return found;
    }
}
