using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Persistence;

/// <summary>Deletes what is past its retention (<c>Storage:Retention</c>): raw results after 30 days, minute rollups
/// after 7, hour rollups after 90, day rollups after 730. Each statement deletes at most
/// <see cref="RetentionOptions.BatchSize"/> rows and the loop pauses between them, so the single writer never waits
/// long for the database. A pass deletes nothing while the clock reads more than a day past the newest stored result: a
/// clock far in the future must not wipe the history.</summary>
public sealed partial class RetentionService(
    StoreConnections connections,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger,
    Cluster.IOwnership? ownership = null) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>How far "now" may be past the newest stored result before pruning stops trusting the clock.</summary>
    private const long TrustedGapMs = 86_400_000;

    /// <summary>How long after a break of over a day in the history a new clock is trusted.</summary>
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
            LogClockAhead(logger, DateTimeOffset.FromUnixTimeMilliseconds(now), DateTimeOffset.FromUnixTimeMilliseconds(
                newest));
            return 0;
        }

        if (await RecentBreakAsync(now, cancellationToken) is { } gap)
        {
            // Results stored since a jump ahead read as "now": the history before the break is kept until the new
            // clock has held for a week (an operator has seen the warning), or the break was a real outage.
            LogBreak(logger, DateTimeOffset.FromUnixTimeMilliseconds(gap.Before),
                DateTimeOffset.FromUnixTimeMilliseconds(gap.After));
            return 0;
        }

        long deleted = 0;

        // Raw rows older than the cutoff all sit in hour buckets before it; their ids bound the scan.
        var rawCutoff = Resolution.Hour.Floor(retention.RawKeptFrom(now));
        long? bound;
        await using (var session = await connections.ConnectAsync(cancellationToken))
        {
            bound = await ScalarAsync(session, $"SELECT MAX(last_id) FROM {Resolution.Hour.Table()} WHERE bucket < @at",
                rawCutoff, cancellationToken);
        }

        if (bound is { } lastId)
        {
            deleted += await InBatchesAsync(
                "DELETE FROM health_checks WHERE id IN (SELECT id FROM health_checks WHERE id <= @last AND "
                    + "\"timestamp\" < @cutoff ORDER BY id LIMIT @batch)",
                rawCutoff, lastId, cancellationToken);
        }

        foreach (var resolution in Resolutions.All)
        {
            var cutoff = retention.KeptFrom(resolution, now);
            var table = resolution.Table();
            deleted += await InBatchesAsync(
                $"DELETE FROM {table} WHERE (account, check_type, bucket) IN (SELECT account, check_type, bucket FROM "
                    + $"{table} WHERE bucket < @cutoff ORDER BY bucket LIMIT @batch)",
                cutoff, null, cancellationToken);
        }

        if (deleted > 0)
        {
            LogPruned(logger, deleted);
        }

        return deleted;
    }

    /// <summary>When the newest stored result was taken (last raw row, else the hour rollups), or null.</summary>
    private async Task<long?> NewestAsync(CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        return await ScalarAsync(session, "SELECT \"timestamp\" FROM health_checks ORDER BY id DESC LIMIT 1", null,
            cancellationToken)
            ?? await ScalarAsync(session, $"SELECT MAX(bucket) FROM {Resolution.Hour.Table()}", null,
                cancellationToken);
    }

    /// <summary>A break of more than a day between hour buckets within the last week, or null.</summary>
    private async Task<(long Before, long After)?> RecentBreakAsync(long now, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        var since = now - TrustNewClockAfterMs;
        var hours = Resolution.Hour.Table();
        var start = await ScalarAsync(session, $"SELECT MAX(bucket) FROM {hours} WHERE bucket < @at", since,
            cancellationToken) ?? since;
        var buckets = new List<long>();
        await using (var command = session.Command(
            $"SELECT DISTINCT bucket FROM {hours} WHERE bucket >= @start ORDER BY bucket").With("@start", start))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                buckets.Add(reader.GetInt64(0));
            }
        }

        for (var i = buckets.Count - 1; i > 0; i--)
        {
            if (buckets[i] - buckets[i - 1] > TrustedGapMs)
            {
                return (buckets[i - 1], buckets[i]);
            }
        }

        return null;
    }

    /// <summary>An integer scalar or null; <c>@at</c> is <paramref name="at"/> when given.</summary>
    private static async Task<long?> ScalarAsync(StoreSession session, string sql, long? at,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(sql);
        if (at is { } value)
        {
            command.With("@at", value);
        }

        return await command.ScalarInt64Async(cancellationToken);
    }

    /// <summary>Runs <paramref name="sql"/> (at most <c>@batch</c> rows) until it deletes fewer.</summary>
    private async Task<long> InBatchesAsync(string sql, long cutoff, long? lastId, CancellationToken cancellationToken)
    {
        var batch = options.Value.Retention.BatchSize;
        long total = 0;
        while (true)
        {
            int count;
            await using (var session = await connections.ConnectAsync(cancellationToken))
            {
                await using var command = session.Command(sql).With("@cutoff", cutoff).With("@batch", batch);
                if (lastId is { } last)
                {
                    command.With("@last", last);
                }

                count = await command.ExecuteNonQueryAsync(cancellationToken);
            }

            total += count;
            if (count < batch)
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
        "Retention skipped: the clock says {Now:u}, more than a day past the newest stored result ({Newest:u}); "
            + "nothing is deleted until results are stored at that time or the clock is fixed")]
    private static partial void LogClockAhead(ILogger logger, DateTimeOffset now, DateTimeOffset newest);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Retention skipped: the stored history breaks off from {Before:u} to {After:u}, which a clock set ahead would "
            + "also do; nothing is deleted until the new time has held for a week")]
    private static partial void LogBreak(ILogger logger, DateTimeOffset before, DateTimeOffset after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed; retrying at the next interval")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
