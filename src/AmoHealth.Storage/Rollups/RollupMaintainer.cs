using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage.Rollups;

/// <summary>Recomputes the minute, hour and day rollups from <c>health_checks</c> (<see cref="RebuildAsync"/>, after an
/// upgrade from a database that had none or an older format), at migration time, through the same
/// <see cref="RollupWriter"/> with which the Prober's writer keeps them in step batch by batch.</summary>
public static class RollupMaintainer
{
    /// <summary>Probe-state key (account "") holding the rollup format version the database was built with.</summary>
    public const string VersionKey = "rollups_version";

    // 2: only amoCRM's verdicts (up, degraded, down) count; 3: minutes by class (uptime by time). Each rebuilt once
    // from the raw rows on upgrade.
    public const string Version = "3";

    private const int RebuildChunk = 20_000;

    /// <summary>Whether the rollups were built by this version; if not, <see cref="RebuildAsync"/> is due.</summary>
    public static async Task<bool> IsCurrentAsync(AmoHealthDbContext db, CancellationToken cancellationToken) =>
        await db.ProbeStates.AnyAsync(s =>
            s.Account == string.Empty && s.Key == VersionKey && s.Value == Version, cancellationToken);

    /// <summary>Recomputes every rollup from the raw rows, in chunks, in one transaction, then marks the
    /// version.</summary>
    public static async Task RebuildAsync(AmoHealthDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var session = await db.SessionAsync(cancellationToken);
        await db.MinuteRollups.ExecuteDeleteAsync(cancellationToken);
        await db.HourRollups.ExecuteDeleteAsync(cancellationToken);
        await db.DayRollups.ExecuteDeleteAsync(cancellationToken);

        long after = 0;
        while (true)
        {
            var chunk = await db.HealthChecks.AsNoTracking()
                .Where(h => h.Id > after).OrderBy(h => h.Id).Take(RebuildChunk)
                .ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            await RollupWriter.AddAsync(session, chunk, cancellationToken);
            after = chunk[^1].Id;
        }

        var marker = await db.ProbeStates.SingleOrDefaultAsync(s =>
            s.Account == string.Empty && s.Key == VersionKey, cancellationToken);
        if (marker is null)
        {
            db.ProbeStates.Add(new ProbeStateRecord { Account = string.Empty, Key = VersionKey, Value = Version });
        }
        else
        {
            marker.Value = Version;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
