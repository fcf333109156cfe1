using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Queries;

/// <summary>The incident log: open incidents first, then the most recent.</summary>
public sealed class IncidentReader(StoreConnections connections)
{
    public async Task<IReadOnlyList<IncidentDto>> IncidentsAsync(
        int limit, int offset, TimeWindow? window, string? account, string? checkType,
        CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // Open incidents first, then the most recent.
        await using var command = IncidentFilter.Overlapping(
                connection, "id, account, check_type, kind, start_time, end_time, duration, details",
                window, account, checkType,
                " ORDER BY CASE WHEN end_time IS NULL THEN 0 ELSE 1 END, start_time DESC, id DESC"
                + " LIMIT @limit OFFSET @offset")
            .With("@limit", limit).With("@offset", offset);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var incidents = new List<IncidentDto>();
        while (await reader.ReadAsync(cancellationToken))
        {
            incidents.Add(new IncidentDto(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetNullableInt64(5), reader.GetNullableInt64(6), reader.GetNullableString(7)));
        }

        return incidents;
    }
}
