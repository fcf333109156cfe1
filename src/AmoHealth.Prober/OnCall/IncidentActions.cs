using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>Acknowledging an incident and writing a note on it, in the command's transaction.</summary>
public static class IncidentActions
{
    private const string Take =
        "UPDATE incidents SET acknowledged_by = @by, acknowledged_at = @at "
        + "WHERE id = @id AND end_time IS NULL AND acknowledged_by IS NULL";

    /// <summary>Only an open incident nobody has taken can be taken: of two at once, one wins, the other hears
    /// who.</summary>
    public static async Task<OnCallReply> AcknowledgeAsync(StoreSession session, OnCallCommand command, Actor actor,
        DateTimeOffset now, IEnumerable<IAcknowledgementAlerts> announcers, CancellationToken cancellationToken)
    {
        var id = command.Id!.Value;
        int taken;
        await using (var update = session.Command(Take)
            .With("@by", actor.Name).With("@at", now.ToUnixTimeMilliseconds()).With("@id", id))
        {
            taken = await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var incident = await IncidentRows.FindAsync(session, id, cancellationToken);
        if (incident is null)
        {
            return new OnCallReply(OnCallReply.NotFound, Message: $"No incident #{id}.");
        }

        if (taken == 0)
        {
            return incident.EndTime is not null
                ? new OnCallReply(OnCallReply.Conflict, id, $"Incident #{id} is closed.")
                : new OnCallReply(OnCallReply.Conflict, id,
                    $"Incident #{id} is already acknowledged by {incident.AcknowledgedBy}.");
        }

        var source = command.Source ?? "api";
        await IncidentTimeline.AddAsync(session, id, TimelineKind.Acknowledged, now, actor.Name, source,
            cancellationToken);
        foreach (var announcer in announcers)
        {
            await announcer.AnnounceAsync(session, incident, actor, source, now, cancellationToken);
        }

        return new OnCallReply(OnCallReply.Applied, id);
    }

    /// <summary>A note on any incident, open or closed (what was learnt is often written after); the reply's id is
    /// the timeline entry's.</summary>
    public static async Task<OnCallReply> NoteAsync(StoreSession session, OnCallCommand command, Actor actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = command.Id!.Value;
        if (await IncidentRows.FindAsync(session, id, cancellationToken) is null)
        {
            return new OnCallReply(OnCallReply.NotFound, Message: $"No incident #{id}.");
        }

        var entry = await IncidentTimeline.AddAsync(session, id, TimelineKind.Note, now, actor.Name,
            command.Text!.Trim(), cancellationToken, command.IsPublic ?? false);
        return new OnCallReply(OnCallReply.Applied, entry);
    }
}
