using System.Collections.Concurrent;
using System.Globalization;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>Whether each alert channel delivers. A channel that was configured but is unusable (a typo in its URL) or
/// that has failed for longer than <see cref="AlertOptions.ChannelFailingMinutes"/> makes <c>/health</c> degraded and
/// shows on <c>/api/info</c> (via <c>probe_state</c>), while the other channels keep delivering.</summary>
public sealed partial class ChannelHealth(
    Notifiers notifiers,
    ProbeStateStore store,
    IOptions<AlertOptions> alerts,
    TimeProvider time,
    ILogger<ChannelHealth> logger) : IHealthCheck
{
    private readonly ConcurrentDictionary<string, (long Since, string Error)> _failing = new(StringComparer.Ordinal);

    /// <summary>Channels failing since when, with their last error.</summary>
    public IReadOnlyDictionary<string, (long Since, string Error)> Failing => _failing;

    public void Delivered(string channel)
    {
        if (_failing.TryRemove(channel, out _))
        {
            LogRecovered(logger, channel);
            _ = SaveAsync(channel, "ok", null, null);
        }
    }

    public void Failed(string channel, string error)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var first = !_failing.ContainsKey(channel);
        var (since, _) = _failing.AddOrUpdate(channel, (now, error), (_, old) => (old.Since, error));
        if (first)
        {
            _ = SaveAsync(channel, "failing", since, error);
        }
    }

    /// <summary>Records the channels left out at start, so the Api can show them.</summary>
    public async Task PublishStartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, problem) in notifiers.Problems)
        {
            await SaveAsync(name, "misconfigured", time.GetUtcNow().ToUnixTimeMilliseconds(), problem,
                cancellationToken);
        }

        foreach (var notifier in notifiers.Enabled)
        {
            await SaveAsync(notifier.Name, "ok", null, null, cancellationToken);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        var limit = TimeSpan.FromMinutes(alerts.Value.ChannelFailingMinutes);
        var now = time.GetUtcNow();
        TimeSpan Failing(long since) => now - DateTimeOffset.FromUnixTimeMilliseconds(since);
        var problems = notifiers.Problems.Select(p => $"{p.Key}: {p.Value}")
            .Concat(_failing.Where(f => Failing(f.Value.Since) >= limit)
                .Select(f => string.Create(
                    CultureInfo.InvariantCulture,
                    $"{f.Key}: failing for {(int)Failing(f.Value.Since).TotalMinutes} min ({f.Value.Error})")))
            .ToList();
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("Every alert channel delivers")
            : HealthCheckResult.Degraded("Alert channels: " + string.Join("; ", problems)));
    }

    private async Task SaveAsync(
        string channel,
        string state,
        long? since,
        string? error,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await store.SetAsync(string.Empty, ProbeStateKeys.Channel(channel),
                new ChannelState(channel, state, since, error), cancellationToken);
        }
        // A database error, or a save that wraps one (the store reports it in an exception of its own).
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException
            || ex.InnerException is System.Data.Common.DbException)
        {
            LogSaveFailed(logger, ex, channel);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert channel {Channel} delivers again")]
    private static partial void LogRecovered(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the state of alert channel {Channel}")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string channel);
}
