using System.Data.Common;
using AmoHealth.Core.Checks;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Public;

/// <summary>The incidents a page shows: of its account, open or ended in the window, down or degraded only (a rejected
/// token or a 429 is the team's business, not amoCRM's), closed ones shorter than the page's minimum left off (open
/// ones always shown), newest first, each with its PUBLIC notes only. Neither the Prober's details nor the internal
/// timeline are read at all.</summary>
public static class PublicIncidentReader
{
    /// <summary>One incident as read, before it becomes public: the outcome that opened it and its check.</summary>
    private readonly record struct Row(long Id, string CheckType, Outcome Kind, long Start, long? End);

    public static async Task<IReadOnlyList<PublicIncident>> ReadAsync(
        DbConnection connection, StatusPageDefinition page, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        await using (var command = connection.Command(
                "SELECT id, check_type, kind, start_time, end_time FROM incidents WHERE account = @account "
                + "AND (kind = @down OR kind = @degraded) AND (end_time IS NULL OR end_time >= @from) "
                + "ORDER BY start_time DESC, id DESC")
            .With("@account", page.Account).With("@down", Outcome.Down.ToName())
            .With("@degraded", Outcome.Degraded.ToName()).With("@from", from.ToUnixTimeMilliseconds()))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), OutcomeNames.Parse(reader.GetString(2)),
                    reader.GetInt64(3), reader.GetNullableInt64(4)));
            }
        }

        var shortest = TimeSpan.FromMinutes(page.MinIncidentMinutes).TotalMilliseconds;
        var shown = rows.Where(r => r.End is not { } end || end - r.Start >= shortest).ToList();
        var notes = await NotesAsync(connection, [.. shown.Select(r => r.Id)], cancellationToken);
        return [.. shown.Select(r => new PublicIncident(
            r.Id, r.CheckType, r.Kind == Outcome.Degraded ? PublicState.Degraded : PublicState.Down,
            DateTimeOffset.FromUnixTimeMilliseconds(r.Start),
            r.End is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
            [.. notes[r.Id]]))];
    }

    private static async Task<ILookup<long, PublicNote>> NotesAsync(
        DbConnection connection, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var notes = new List<(long Incident, PublicNote Note)>();
        if (ids.Count > 0)
        {
            await using var command = connection.Command(string.Empty)
                .With("@kind", TimelineKind.Note.ToName()).With("@public", true);
            command.CommandText = "SELECT incident_id, at, text FROM incident_events WHERE kind = @kind "
                + "AND public = @public AND text IS NOT NULL AND incident_id IN " + command.InList("@incident", ids)
                + " ORDER BY incident_id, at, id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                notes.Add((reader.GetInt64(0),
                    new PublicNote(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2))));
            }
        }

        return notes.ToLookup(n => n.Incident, n => n.Note);
    }
}
