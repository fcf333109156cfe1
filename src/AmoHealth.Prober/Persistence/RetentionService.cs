using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Persistence;

/// <summary>
/// Deletes what is past its retention (<c>Storage:Retention</c>): raw results after 30 days, minute rollups
/// after 7, hour rollups after 90, day rollups after 730. Each statement deletes at most
/// <see cref="RetentionOptions.BatchSize"/> rows and the loop pauses between them, so the single writer
/// never waits long for the database. A pass deletes nothing while the clock reads more than a day past the
/// newest stored result: a clock far in the future must not wipe the history.
/// </summary>
public sealed partial class RetentionService(
    IDbContextFactory<AmoHealthDbContext> contexts,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger,
    Cluster.IOwnership? ownership = null) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>How far "now" may be past the newest stored result before pruning stops trusting the clock.</summary>
    private const long TrustedGapMs = 86_400_000;

    /// <summary>How long after a break of more than a day in the history a new clock is trusted (results written since it jumped).</summary>
    private const long TrustNewClockAfterMs = 7 * TrustedGapMs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.Retention.IntervalMinutes), time);
        try
        {
            do
            {
                try
                {
                    if (ownership?.IsLeader == false)
                    {
                        continue; // Pruned once for the cluster, by the cluster lease's holder.
                    }

                    await PruneAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A full or locked disk must never stop the Prober: pruning waits for the next pass.
                    LogPruneFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One full pass; returns how many rows were deleted.</summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.Retention;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (await NewestAsync(cancellationToken) is { } newest && now - newest > TrustedGapMs)
        {
            // A clock far ahead of the history (a bad RTC, a mistyped date) would read all of it as expired.
            LogClockAhead(logger, DateTimeOffset.FromUnixTimeMilliseconds(now), DateTimeOffset.FromUnixTimeMilliseconds(newest));
            return 0;
        }

        if (await RecentBreakAsync(now, cancellationToken) is { } gap)
        {
            // Results stored since a jump ahead read as "now": the history before the break is kept until the new
            // clock has held for a week (an operator has seen the warning), or the break was a real outage.
            LogBreak(logger, DateTimeOffset.FromUnixTimeMilliseconds(gap.Before), DateTimeOffset.FromUnixTimeMilliseconds(gap.After));
            return 0;
        }

        var batch = retention.BatchSize;
        long deleted = 0;

        // Raw rows older than the cutoff all sit in hour buckets before it; their ids bound the scan.
        var rawCutoff = Resolution.Hour.Floor(retention.RawKeptFrom(now));
        long? bound;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            bound = await db.HourRollups.Where(r => r.Bucket < rawCutoff).MaxAsync(r => (long?)r.LastId, cancellationToken);
        }

        if (bound is { } lastId)
        {
            deleted += await InBatchesAsync(db => db.HealthChecks
                .Where(h => h.Id <= lastId && h.Timestamp < rawCutoff).OrderBy(h => h.Id).Take(batch), cancellationToken);
        }

        foreach (var resolution in Resolutions.All)
        {
            var cutoff = retention.KeptFrom(resolution, now);
            deleted += await InBatchesAsync(db => db.Query(resolution).Where(r => r.Bucket < cutoff).OrderBy(r => r.Bucket).Take(batch), cancellationToken);
        }

        if (deleted > 0)
        {
            LogPruned(logger, deleted);
        }

        return deleted;
    }

    /// <summary>When the newest stored result was taken (the last row written; the hour rollups when raw rows are gone), or null.</summary>
    private async Task<long?> NewestAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var raw = await db.HealthChecks.OrderByDescending(h => h.Id).Select(h => (long?)h.Timestamp).FirstOrDefaultAsync(cancellationToken);
        return raw ?? await db.HourRollups.MaxAsync(r => (long?)r.Bucket, cancellationToken);
    }

    /// <summary>A break of more than a day between hour buckets within the last week, or null.</summary>
    private async Task<(long Before, long After)?> RecentBreakAsync(long now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = now - TrustNewClockAfterMs;
        var start = await db.HourRollups.Where(r => r.Bucket < since).MaxAsync(r => (long?)r.Bucket, cancellationToken) ?? since;
        var buckets = await db.HourRollups.Where(r => r.Bucket >= start).Select(r => r.Bucket).Distinct().OrderBy(b => b).ToListAsync(cancellationToken);
        for (var i = buckets.Count - 1; i > 0; i--)
        {
            if (buckets[i] - buckets[i - 1] > TrustedGapMs)
            {
                return (buckets[i - 1], buckets[i]);
            }
        }

        return null;
    }

    private async Task<long> InBatchesAsync<T>(Func<AmoHealthDbContext, IQueryable<T>> select, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            int count;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                count = await select(db).ExecuteDeleteAsync(cancellationToken);
            }

            total += count;
            if (count < options.Value.Retention.BatchSize)
            {
                return total;
            }

            // Real time, not the injected clock: this pause lets the writer in, whatever the clock says.
            await Task.Delay(Pause, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} rows past their retention")]
    private static partial void LogPruned(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Retention skipped: the clock says {Now:u}, more than a day past the newest stored result ({Newest:u}); nothing is deleted until results are stored at that time or the clock is fixed")]
    private static partial void LogClockAhead(ILogger logger, DateTimeOffset now, DateTimeOffset newest);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Retention skipped: the stored history breaks off from {Before:u} to {After:u}, which a clock set ahead would also do; nothing is deleted until the new time has held for a week")]
    private static partial void LogBreak(ILogger logger, DateTimeOffset before, DateTimeOffset after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed; retrying at the next interval")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
