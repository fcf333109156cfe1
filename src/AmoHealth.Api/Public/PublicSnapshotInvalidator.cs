using System.Text.Json;
using AmoHealth.Api.Live;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;

namespace AmoHealth.Api.Public;

/// <summary>Hears the Prober's live messages (the same Redis channel the stream hub reads) and drops a page's cached
/// snapshot as soon as its account's state may have changed: an incident opened or closed, or a result whose state
/// differs from the one the cached page shows. Without Redis it does nothing and the cache's lifetime refreshes the
/// pages. What arrives is only a hint to read storage again: nothing from it is shown.</summary>
public sealed class PublicSnapshotInvalidator(IStatusSubscriber source, PublicSnapshotReader snapshots)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (source is NoStatusSubscriber)
        {
            return;
        }

        try
        {
            await source.SubscribeAsync(Hear, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the source answered.
        }
    }

    /// <summary>One live message. Never throws: it runs on the Redis client's thread. The stream hub counts malformed
    /// messages; they are only skipped here.</summary>
    internal void Hear(string json)
    {
        try
        {
            switch (JsonSerializer.Deserialize(json, LiveJsonContext.Default.LiveEnvelope)?.Type)
            {
                case StatusUpdate.EventType when
                    JsonSerializer.Deserialize(json, LiveJsonContext.Default.StatusUpdate) is { } update:
                    var outcome = OutcomeNames.Parse(update.Data.Outcome);
                    var state = PublicStates.OfResult(
                        outcome, FailureKindNames.Parse(update.Data.FailureKind, FailureKindNames.Default(outcome)));
                    var shown = snapshots.CachedState(update.Account, update.CheckType);
                    // A window's start and end come with time, not with a result: the lifetime refreshes them.
                    if (shown is not null && shown != state && shown != PublicState.Maintenance)
                    {
                        snapshots.Invalidate(update.Account);
                    }

                    break;
                case IncidentEvent.Opened or IncidentEvent.Closed when
                    JsonSerializer.Deserialize(json, LiveJsonContext.Default.IncidentEvent) is { } incident:
                    snapshots.Invalidate(incident.Account);
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NotSupportedException
            or InvalidOperationException or ArgumentException)
        {
            // Not a message of ours; the hub has counted it.
        }
    }
}
