using System.Data.Common;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Prober.Persistence;

/// <summary>The single writer: drains <see cref="ResultChannel"/> in batches and stores each batch in one transaction
/// (raw rows, rollups, the latest status per check, and what evaluation decides: incidents, their alerts, our own
/// faults). Then, once committed, runs the <see cref="AfterCommit"/> steps by name: queue the re-checks, record the
/// metrics, publish live. The path is one way: nothing here calls back into probing.</summary>
public sealed partial class ResultWriter(
    ResultChannel channel,
    StoreConnections connections,
    IncidentTracker incidents,
    MonitorFaults monitorFaults,
    AfterCommit afterCommit,
    IOwnership ownership,
    TimeProvider time,
    ILogger<ResultWriter> logger,
    MaintenanceCalendar? maintenance = null) : BackgroundService
{
    private const int MaxBatch = 512;
    private const int MaxAttempts = 5;

    /// <summary>The sequence of the latest result applied per account and check, in this process.</summary>
    private readonly Dictionary<(string Account, string CheckType), long> _applied = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ProbeResult>(MaxBatch);
        try
        {
            while (await channel.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && channel.Reader.TryRead(out var result))
                {
                    batch.Add(result);
                }

                try
                {
                    if (await StoreAsync(batch, stoppingToken) is { } committed)
                    {
                        await AfterCommitAsync(committed, stoppingToken);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Nothing a dependency does may stop the one writer: that would end all probing silently.
                    LogBatchFailed(logger, ex, batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is drained below.
        }

        // Results already measured are not thrown away on a clean stop.
        batch.Clear();
        while (channel.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        if (batch.Count > 0)
        {
            await StoreAsync(batch, CancellationToken.None);
        }
    }

    private async Task AfterCommitAsync(CommittedBatch committed, CancellationToken cancellationToken)
    {
        // Re-checks first: a confirmation must not wait behind a slow Redis taking the live update.
        await RunAsync(nameof(AfterCommit.QueueRechecks), afterCommit.QueueRechecks, committed, cancellationToken);
        await RunAsync(nameof(AfterCommit.RecordMetrics), afterCommit.RecordMetrics, committed, cancellationToken);
        await RunAsync(nameof(AfterCommit.PublishLive), afterCommit.PublishLive, committed, cancellationToken);
    }

    private async Task RunAsync(string name, AfterCommit.Step step, CommittedBatch committed,
        CancellationToken cancellationToken)
    {
        try
        {
            await step(committed, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogAfterCommitFailed(logger, ex, name);
        }
    }

    /// <summary>Stores the batch, retrying; returns what was committed, or null when it was lost.</summary>
    private async Task<CommittedBatch?> StoreAsync(IReadOnlyList<ProbeResult> batch,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(batch, cancellationToken);
            }
            catch (DbException ex) when (attempt < MaxAttempts)
            {
                LogWriteRetry(logger, ex, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
            }
            catch (DbException ex)
            {
                LogWriteFailed(logger, ex, batch.Count);
                return null;
            }
        }
    }

    private async Task<CommittedBatch> WriteAsync(IReadOnlyList<ProbeResult> measured,
        CancellationToken cancellationToken)
    {
        // Results, the state machine, incidents and their alerts change together or not at all.
        await using var session = await connections.BeginAsync(cancellationToken);
        // Fencing: only results probed under the lease this Prober still holds (rows locked until commit).
        var held = await ownership.HeldAsync(session, measured.Select(r => r.Account).Distinct().ToList(),
            cancellationToken);
        var batch = measured.Where(r => held.TryGetValue(r.Account, out var fence) && fence == r.Fence).ToList();
        if (batch.Count < measured.Count)
        {
            LogFenced(logger, measured.Count - batch.Count);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var keys = batch.Select(r => r.Account).Distinct().ToList();
        var statuses = await CheckStatusRows.ReadAsync(session, keys, cancellationToken);
        // The statuses this batch touches, each written once it is final (new ones inserted, the rest updated).
        var touched = new HashSet<CheckStatusRecord>();
        var changes = new List<(CheckStatusRecord Status, ProbeResult Result)>();
        var applied = new List<ProbeResult>(batch.Count);
        var rows = new List<HealthCheckRecord>(batch.Count);

        foreach (var result in batch)
        {
            var row = HealthCheckRecord.From(result);
            // The windows are cached for a few seconds: no query per result.
            if (maintenance is not null && await maintenance.CoveringAsync(session, result.Account,
                DateTimeOffset.FromUnixTimeMilliseconds(result.Timestamp), cancellationToken) is not null)
            {
                row.InMaintenance = true;
            }

            rows.Add(row);
            var status = statuses.FirstOrDefault(s => s.Account == result.Account && s.CheckType == result.CheckType);
            if (status is null)
            {
                status = new CheckStatusRecord
                {
                    Account = result.Account, CheckType = result.CheckType, Status = string.Empty,
                };
                statuses.Add(status);
            }

            touched.Add(status);
            // A late result (started before one already applied) is history, but it never moves the current
            // status or the state machine; neither does a failure of our own. Order is the probe's sequence,
            // not its wall-clock start, so a clock stepped back never freezes the status.
            var key = (result.Account, result.CheckType);
            if (result.Sequence != 0 && _applied.TryGetValue(key, out var last) && result.Sequence < last)
            {
                continue;
            }

            _applied[key] = result.Sequence;
            status.Apply(result);
            applied.Add(result);
            if (!result.OwnFault)
            {
                changes.Add((status, result));
            }
        }

        // Ids first: the rollups record each bucket's id range, and the live stream uses them as event ids.
        await HealthCheckRows.InsertAsync(session, rows, cancellationToken);
        var stored = batch.Select((r, i) => r with { StoredId = rows[i].Id }).ToList();
        // Our own faults are history, but never amoCRM's uptime or latency.
        var ownFaults = rows.Where((_, i) => batch[i].OwnFault).ToHashSet();
        await RollupWriter.AddAsync(session, rows, cancellationToken, ownFaults);
        await monitorFaults.TrackAsync(session, applied, now, cancellationToken);
        var tracked = await incidents.TrackAsync(session, changes, now, cancellationToken);
        foreach (var status in touched)
        {
            await CheckStatusRows.WriteAsync(session, status, cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
        LogStored(logger, batch.Count);
        return new CommittedBatch(stored, statuses, tracked);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a batch of {Count} results failed; the writer goes on")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "After-commit step {Step} failed; the batch is stored")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception, string step);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Count} result(s) not stored: their account's lease has passed to another Prober")]
    private static partial void LogFenced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Count} results")]
    private static partial void LogStored(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {Count} results failed (attempt {Attempt}); retrying")]
    private static partial void LogWriteRetry(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} results failed; they are lost")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}
