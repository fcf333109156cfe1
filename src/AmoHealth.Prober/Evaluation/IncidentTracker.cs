using AmoHealth.Core.Alerting;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Configuration;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Evaluation;

/// <summary>Runs the state machine for each new result inside the writer's transaction: opens and closes incidents and
/// raises <see cref="IncidentOpened"/>/<see cref="IncidentClosed"/> in that same transaction, so an alert is never lost
/// or invented.</summary>
public sealed partial class IncidentTracker(
    IOptions<AlertOptions> alerts,
    IOptions<MonitorOptions> monitor,
    AlertOutbox alerting,
    ILogger<IncidentTracker> logger)
{
    /// <summary>Applies the results; returns the re-checks and incident changes to act on after the commit.</summary>
    public async Task<TrackedChanges> TrackAsync(
        StoreSession session,
        IReadOnlyList<(CheckStatusRecord Status, ProbeResult Result)> changes,
        long now,
        CancellationToken cancellationToken)
    {
        var settings = alerts.Value;
        var store = new TrackedIncidents(session);
        var rechecks = new List<RecheckRequest>();
        var opened = new List<IncidentRecord>();
        var closed = new List<IncidentRecord>();
        var accountAlerts = new HashSet<(string, Outcome)>();
        // A suspect streak older than this (a restart, a long pause) is not the same failure: it starts over,
        // so an incident never opens on a stale streak nor starts at a time hours ago.
        var staleAfter = new Cadence(monitor.Value.CheckInterval)
            .StreakStaleAfter(settings.Confirmations.LastOrDefault());
        var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
        foreach (var (status, result) in changes)
        {
            if (status.State == CheckState.Suspect && status.FailingSince is { } since
                && TimeSpan.FromMilliseconds(result.Timestamp - since) > staleAfter)
            {
                StateMachine.Reset(status);
            }

            // A confirmed failure that has turned into another one (a 429 pause ends on a revoked token): the open
            // incident closes and one of the new kind opens at once, so the new problem is never silent.
            if (await OfAnotherKindAsync(store, status, result, cancellationToken) is not null)
            {
                if (await CloseAsync(store, status, result, at, cancellationToken) is { } ended)
                {
                    closed.Add(ended);
                }

                // Closed in the store (above) before the new one opens: one open incident per check (a unique index).
                status.FailingSince = result.Timestamp;
                opened.Add(await OpenAsync(store, status, result, at, accountAlerts, cancellationToken));
                continue;
            }

            var decision = StateMachine.Apply(status, result, settings.Confirmations, settings.RecoverAfterSuccesses);
            if (decision.OpenIncident)
            {
                opened.Add(await OpenAsync(store, status, result, at, accountAlerts, cancellationToken));
            }

            if (decision.CloseIncident)
            {
                if (await CloseAsync(store, status, result, at, cancellationToken) is { } incident)
                {
                    closed.Add(incident);
                }
            }

            if (decision.RecheckIn is { } delay)
            {
                var due = ConfirmationDelay(status, result, delay, settings.Confirmations);
                rechecks.Add(new RecheckRequest(status.Account, status.CheckType, due));
            }
        }

        return new TrackedChanges(rechecks, opened, closed);
    }

    private async Task<IncidentRecord> OpenAsync(
        TrackedIncidents store,
        CheckStatusRecord status,
        ProbeResult result,
        DateTimeOffset now,
        HashSet<(string Account, Outcome Kind)> accountAlerts,
        CancellationToken cancellationToken)
    {
        // An incident left open (a crash between two writes of an older version) is adopted, never duplicated.
        var incident = await store.OpenOfAsync(status.Account, status.CheckType, cancellationToken);
        if (incident is null)
        {
            incident = new IncidentRecord
            {
                Account = status.Account,
                CheckType = status.CheckType,
                StartTime = status.FailingSince ?? result.Timestamp,
                Kind = result.Outcome,
                Details = result.ErrorMessage,
                CreatedAt = now.ToUnixTimeMilliseconds(),
            };
            // Stored at once: the alert below names it by its id.
            await store.AddAsync(incident, cancellationToken);
            await IncidentStory.OpenedAsync(store.Session, incident, result.Timestamp, now, cancellationToken);
        }

        status.IncidentId = incident.Id;
        LogOpened(logger, status.CheckType, status.Account, incident.Kind.ToName());
        // A rejected token, a 429, a block or an unpaid account fails every API check of the account: that is
        // one problem of the account, one alert.
        if (!AccountWide.Contains(incident.Kind)
            || (await store.OtherOpenOfKindAsync(status.Account, status.CheckType, incident.Kind,
                cancellationToken) is false
                && accountAlerts.Add((status.Account, incident.Kind))))
        {
            await alerting.RaiseAsync(store.Session, new IncidentOpened(incident, result), now, cancellationToken);
        }

        return incident;
    }

    /// <summary>The open incident of a down check, when this failure is of another kind than its own.</summary>
    private static async Task<IncidentRecord?> OfAnotherKindAsync(
        TrackedIncidents store, CheckStatusRecord status, ProbeResult result, CancellationToken cancellationToken)
    {
        if (status.State != CheckState.Down || result.Outcome.IsSuccess() || status.IncidentId is not { } id)
        {
            return null;
        }

        var incident = await store.FindAsync(id, cancellationToken);
        return incident is { EndTime: null } && incident.Kind != result.Outcome ? incident : null;
    }

    /// <summary>Closes the open incident, if any; returns it.</summary>
    private async Task<IncidentRecord?> CloseAsync(
        TrackedIncidents store,
        CheckStatusRecord status,
        ProbeResult result,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var incident = status.IncidentId is { } id
            ? await store.FindAsync(id, cancellationToken)
            : await store.OpenOfAsync(status.Account, status.CheckType, cancellationToken);
        status.IncidentId = null;
        if (incident is null || incident.EndTime is not null)
        {
            return null;
        }

        incident.EndTime = result.Timestamp;
        incident.Duration = Math.Max(0, result.Timestamp - incident.StartTime);
        await store.CloseAsync(incident, cancellationToken);
        await IncidentStory.ClosedAsync(store.Session, incident, now, cancellationToken);
        LogClosed(logger, status.CheckType, status.Account, incident.Duration.Value);
        if (AccountWide.Contains(incident.Kind)
            && await store.OtherOpenOfKindAsync(status.Account, status.CheckType, incident.Kind, cancellationToken))
        {
            // An account-wide alert is restored only when the last check of the account is past it.
            return incident;
        }

        await alerting.RaiseAsync(store.Session, new IncidentClosed(incident), now, cancellationToken);
        return incident;
    }

    /// <summary>Confirmations are due at fixed offsets from the start of the first failure (+5 s, +15 s), not from when
    /// a result was stored: a HOOK or DP failure is only known a whole delivery deadline after its probe started, and
    /// counting from then would add the deadline to every re-check and push detection past its budget.</summary>
    private static TimeSpan ConfirmationDelay(
        CheckStatusRecord status, ProbeResult result, TimeSpan delay, IReadOnlyList<TimeSpan> confirmations)
    {
        if (status.State != CheckState.Suspect || status.FailingSince is not { } since || status.Streak < 1
            || status.Streak > confirmations.Count)
        {
            return delay;
        }

        var knownAt = result.Timestamp + (result.ResponseTimeMs ?? 0);
        var due = since + (long)confirmations[status.Streak - 1].TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Clamp(due - knownAt, 0, (long)confirmations[^1].TotalMilliseconds));
    }

    /// <summary>Kinds that are about the account as a whole, not one check: one alert per account.</summary>
    private static readonly HashSet<Outcome> AccountWide =
        [Outcome.AuthFailed, Outcome.Throttled, Outcome.Blocked, Outcome.Billing];

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CheckType} of {Account} is down ({Kind}): incident opened")]
    private static partial void LogOpened(ILogger logger, string checkType, string account, string kind);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{CheckType} of {Account} is restored after {DurationMs} ms: incident closed")]
    private static partial void LogClosed(ILogger logger, string checkType, string account, long durationMs);
}
