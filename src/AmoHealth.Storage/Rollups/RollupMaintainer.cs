using AmoHealth.Core.Checks;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage.Rollups;

/// <summary>
/// Recomputes the minute, hour and day rollups from <c>health_checks</c> (<see cref="RebuildAsync"/>, after an
/// upgrade from a database that had none or an older format), at migration time. The Prober's writer keeps them
/// in step batch by batch with <see cref="RollupWriter"/>, in plain SQL; both merge rows the same way
/// (<see cref="RollupRecord.Add"/>).
/// </summary>
public static class RollupMaintainer
{
    /// <summary>Probe-state key (account "") holding the rollup format version the database was built with.</summary>
    public const string VersionKey = "rollups_version";

    // 2: only amoCRM's verdicts (up, degraded, down) count; rebuilt once from the raw rows on upgrade.
    public const string Version = "2";

    private const int RebuildChunk = 20_000;

    /// <summary>
    /// Merges stored rows (their ids assigned) into every level, through the context (the rebuild's way). The caller saves. Only amoCRM's verdicts
    /// (<see cref="Checks.OutcomeNames.IsAmoCrmVerdict"/>, and not in <paramref name="ownFaults"/>) count toward
    /// uptime and latency; the rest only widen the buckets' id ranges.
    /// </summary>
    public static async Task AddAsync(
        AmoHealthDbContext db, IReadOnlyCollection<HealthCheckRecord> rows, CancellationToken cancellationToken, IReadOnlySet<HealthCheckRecord>? ownFaults = null)
    {
        if (rows.Count == 0)
        {
            return;
        }

        foreach (var resolution in Resolutions.All)
        {
            var groups = rows.GroupBy(r => (r.Account, r.CheckType, Bucket: resolution.Floor(r.Timestamp))).ToList();
            var accounts = groups.Select(g => g.Key.Account).Distinct().ToList();
            var first = groups.Min(g => g.Key.Bucket);
            var last = groups.Max(g => g.Key.Bucket);
            var existing = (await db.Query(resolution)
                    .Where(r => accounts.Contains(r.Account) && r.Bucket >= first && r.Bucket <= last)
                    .ToListAsync(cancellationToken))
                .ToDictionary(r => (r.Account, r.CheckType, r.Bucket));

            foreach (var group in groups)
            {
                if (!existing.TryGetValue(group.Key, out var rollup))
                {
                    rollup = resolution.Create(group.Key.Account, group.Key.CheckType, group.Key.Bucket);
                    db.Add(rollup);
                }

                var histogram = LatencyHistogram.FromBytes(rollup.Histogram);
                foreach (var row in group)
                {
                    var counted = row.Outcome.IsAmoCrmVerdict() && ownFaults?.Contains(row) != true;
                    rollup.Add(row, counted);
                    if (counted && row.ResponseTime is { } ms)
                    {
                        histogram.Add(ms);
                    }
                }

                rollup.Histogram = histogram.ToBytes();
            }
        }
    }

    /// <summary>Whether the rollups were built by this version; if not, <see cref="RebuildAsync"/> is due.</summary>
    public static async Task<bool> IsCurrentAsync(AmoHealthDbContext db, CancellationToken cancellationToken) =>
        await db.ProbeStates.AnyAsync(s => s.Account == string.Empty && s.Key == VersionKey && s.Value == Version, cancellationToken);

    /// <summary>Recomputes every rollup from the raw rows, in chunks, in one transaction, then marks the version.</summary>
    public static async Task RebuildAsync(AmoHealthDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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

            await AddAsync(db, chunk, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = chunk[^1].Id;
        }

        var marker = await db.ProbeStates.SingleOrDefaultAsync(s => s.Account == string.Empty && s.Key == VersionKey, cancellationToken);
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
