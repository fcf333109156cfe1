using AmoHealth.Core.Alerting;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Configuration;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Evaluation;

/// <summary>Failures AmoHealth attributes to itself (our receiver unreachable, no network, a stage id the account does
/// not have): never an amoCRM incident, but not silence either. One that lasts longer than the cadence's
/// <see cref="Cadence.FaultSettle"/> (so a Gateway still starting never alerts) raises one
/// <see cref="MonitorFaultRaised"/> per account, and one <see cref="MonitorFaultCleared"/> when the checks work again.
/// Runs inside the writer's transaction; its state is the writer's own (one writer, one thread).</summary>
public sealed partial class MonitorFaults(
    IOptions<MonitorOptions> monitor,
    AlertOutbox alerts,
    ILogger<MonitorFaults> logger)
{
    public const string Kind = NotificationKinds.Monitor;

    /// <summary>Since when each check has failed by our own fault.</summary>
    private readonly Dictionary<(string Account, string CheckType), DateTimeOffset> _since = [];

    /// <summary>Per account whose warning went out: the checks it named and those still failing.</summary>
    private readonly Dictionary<string, (List<string> Named, HashSet<string> Failing, DateTimeOffset Since)> _alerted =
        new(StringComparer.Ordinal);

    private TimeSpan Settle => new Cadence(monitor.Value.CheckInterval).FaultSettle;

    public async Task TrackAsync(
        StoreSession session, IReadOnlyList<ProbeResult> results, long now, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
        foreach (var result in results)
        {
            var key = (result.Account, result.CheckType);
            var probed = DateTimeOffset.FromUnixTimeMilliseconds(result.Timestamp);
            if (result.OwnFault)
            {
                _since.TryAdd(key, probed);
                if (_alerted.TryGetValue(result.Account, out var open))
                {
                    open.Failing.Add(result.CheckType);
                }
                else if (probed - _since[key] >= Settle)
                {
                    // One message for the account, naming every check failing by our fault right now.
                    var checks = _since.Keys.Where(k => k.Account == result.Account).Select(k => k.CheckType)
                        .OrderBy(CheckType.OrderOf).ToList();
                    var since = _since.Where(p => p.Key.Account == result.Account).Min(p => p.Value);
                    _alerted[result.Account] = (checks, [.. checks], since);
                    LogRaised(logger, result.Account, string.Join(", ", checks), result.ErrorMessage);
                    var raised = new MonitorFaultRaised(
                        result.Account, result.CheckType, checks, result.Kind, result.ErrorMessage, since);
                    await alerts.RaiseAsync(session, raised, at, cancellationToken);
                }
            }
            else if (_since.Remove(key) && _alerted.TryGetValue(result.Account, out var open)
                && open.Failing.Remove(result.CheckType) && open.Failing.Count == 0)
            {
                _alerted.Remove(result.Account);
                LogCleared(logger, result.Account, string.Join(", ", open.Named));
                await alerts.RaiseAsync(session, new MonitorFaultCleared(
                    result.Account, result.CheckType, open.Named, open.Since, probed), at, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "AmoHealth cannot probe {Checks} of {Account} because of its own fault: {Reason}")]
    private static partial void LogRaised(ILogger logger, string account, string checks, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "AmoHealth probes {Checks} of {Account} again")]
    private static partial void LogCleared(ILogger logger, string account, string checks);
}
