using System.Data.Common;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Queries;

/// <summary>The incident log (open incidents first, then the most recent), one incident with its timeline, and the
/// notes of the exported ones.</summary>
public sealed class IncidentReader(StoreConnections connections)
{
    private const string Columns = "id, account, check_type, kind, start_time, end_time, duration, details, "
        + "acknowledged_by, acknowledged_at, escalation_step";

    private const string EventColumns = "id, incident_id, at, kind, actor, text, public";

    public async Task<IReadOnlyList<IncidentDto>> IncidentsAsync(
        int limit, int offset, TimeWindow? window, string? account, string? checkType,
        CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = IncidentFilter.Overlapping(
                connection, Columns, window, account, checkType,
                " ORDER BY CASE WHEN end_time IS NULL THEN 0 ELSE 1 END, start_time DESC, id DESC"
                + " LIMIT @limit OFFSET @offset")
            .With("@limit", limit).With("@offset", offset);
        return await ReadIncidentsAsync(command, cancellationToken);
    }

    /// <summary>The incident, or null when there is none with that id.</summary>
    public async Task<IncidentDto?> IncidentAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM incidents WHERE id = @id")
            .With("@id", id);
        return (await ReadIncidentsAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<IncidentDetailDto?> DetailAsync(long id, CancellationToken cancellationToken)
    {
        if (await IncidentAsync(id, cancellationToken) is not { } incident)
        {
            return null;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection
            .Command($"SELECT {EventColumns} FROM incident_events WHERE incident_id = @id ORDER BY id")
            .With("@id", id);
        var events = await ReadEventsAsync(command, cancellationToken);
        return new IncidentDetailDto(incident, [.. events.Select(e => e.Entry)]);
    }

    /// <summary>One timeline entry by its id (a note just written), or null.</summary>
    public async Task<TimelineEntryDto?> EntryAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {EventColumns} FROM incident_events WHERE id = @id")
            .With("@id", id);
        return (await ReadEventsAsync(command, cancellationToken)).Select(e => e.Entry).FirstOrDefault();
    }

    /// <summary>The notes of <paramref name="incidentIds"/>, oldest first, per incident.</summary>
    public async Task<ILookup<long, TimelineEntryDto>> NotesAsync(
        IReadOnlyCollection<long> incidentIds, CancellationToken cancellationToken)
    {
        if (incidentIds.Count == 0)
        {
            return Array.Empty<(long, TimelineEntryDto)>().ToLookup(e => e.Item1, e => e.Item2);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command(string.Empty).With("@kind", TimelineKind.Note.ToName());
        command.CommandText = $"SELECT {EventColumns} FROM incident_events WHERE kind = @kind AND incident_id IN "
            + command.InList("@incident", incidentIds) + " ORDER BY incident_id, id";
        var events = await ReadEventsAsync(command, cancellationToken);
        return events.ToLookup(e => e.IncidentId, e => e.Entry);
    }

    private static async Task<List<IncidentDto>> ReadIncidentsAsync(
        DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var incidents = new List<IncidentDto>();
        while (await reader.ReadAsync(cancellationToken))
        {
            incidents.Add(new IncidentDto(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetNullableInt64(5), reader.GetNullableInt64(6), reader.GetNullableString(7),
                reader.GetNullableString(8), reader.GetNullableInt64(9), reader.GetInt32(10)));
        }

        return incidents;
    }

    private static async Task<List<(long IncidentId, TimelineEntryDto Entry)>> ReadEventsAsync(
        DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<(long, TimelineEntryDto)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add((reader.GetInt64(1), new TimelineEntryDto(
                reader.GetInt64(0), reader.GetInt64(2), reader.GetString(3), reader.GetNullableString(4),
                reader.GetNullableString(5), reader.GetBoolean(6))));
        }

        return events;
    }
}
