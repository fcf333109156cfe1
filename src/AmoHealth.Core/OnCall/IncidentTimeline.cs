using AmoHealth.Core.Storage;

namespace AmoHealth.Core.OnCall;

/// <summary>Writes an entry of an incident's timeline (<c>incident_events</c>) in the caller's transaction: the one
/// writer every part uses (the tracker, the timers, people's actions).</summary>
public static class IncidentTimeline
{
    private const string Insert =
        "INSERT INTO incident_events (incident_id, at, kind, actor, text, public) "
        + "VALUES (@incident_id, @at, @kind, @actor, @text, @public) RETURNING id";

    /// <summary>Adds the entry and returns its id.</summary>
    public static async Task<long> AddAsync(
        StoreSession session,
        long incidentId,
        TimelineKind kind,
        DateTimeOffset at,
        string? actor,
        string? text,
        CancellationToken cancellationToken,
        bool isPublic = false)
    {
        await using var command = session.Command(Insert)
            .With("@incident_id", incidentId)
            .With("@at", at.ToUnixTimeMilliseconds())
            .With("@kind", kind.ToName())
            .With("@actor", (object?)actor ?? DBNull.Value)
            .With("@text", (object?)text ?? DBNull.Value)
            .With("@public", isPublic);
        return await command.ScalarInt64Async(cancellationToken) ?? 0;
    }
}
