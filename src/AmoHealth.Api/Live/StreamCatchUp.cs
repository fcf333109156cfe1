using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Api.Live;

/// <summary>
/// What a reconnecting stream client missed: the results stored after the one it saw last (its
/// <c>Last-Event-ID</c>, a <c>health_checks.id</c>), oldest first, read from the store, so updates Redis
/// pub/sub dropped while the client was away (or while its Api instance died) are not lost.
/// </summary>
public sealed class StreamCatchUp(IDbContextFactory<AmoHealthDbContext> contexts)
{
    /// <summary>More missed results than this and the client gets the snapshot instead (the current status).</summary>
    public const int MaxEvents = 2_000;

    /// <summary>The missed results as stream updates, or null when the id is unknown or the gap too large.</summary>
    public async Task<IReadOnlyList<StatusUpdate>?> AfterAsync(long lastEventId, long now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = await db.HealthChecks.MaxAsync(h => (long?)h.Id, cancellationToken) ?? 0;
        if (lastEventId <= 0 || lastEventId > latest)
        {
            // Not an id from this store (another database, or a reset): start over from the snapshot.
            return null;
        }

        var rows = await db.HealthChecks.AsNoTracking()
            .Where(h => h.Id > lastEventId)
            .OrderBy(h => h.Id)
            .Take(MaxEvents + 1)
            .Select(h => new { h.Id, h.Account, h.CheckType, h.Outcome, h.ResponseTime, h.Timestamp, h.ErrorMessage })
            .ToListAsync(cancellationToken);
        return rows.Count > MaxEvents
            ? null
            : [.. rows.Select(r => StatusUpdate.Create(r.Account, r.CheckType, r.Outcome, r.ResponseTime, r.Timestamp, r.ErrorMessage, now, r.Id))];
    }

    /// <summary>The newest stored result's id: the cursor a client holds after the snapshot.</summary>
    public async Task<long?> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.HealthChecks.MaxAsync(h => (long?)h.Id, cancellationToken);
    }
}
