using AmoHealth.Core.Alerting;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Prober.Alerting;

/// <summary>What the clock owes an open incident nobody took: a reminder every <c>Alerts:RemindEveryMinutes</c> to
/// the usual channels, and the escalation steps of its account's policy to the policy's channels. An acknowledged
/// incident owes nothing; a quiet one (silenced, in maintenance) nothing while it is quiet.</summary>
public sealed partial class IncidentTimers(
    Notifiers notifiers,
    AlertOutbox alerting,
    AlertOptions settings,
    IEnumerable<IQuietHours> quietHours,
    ILogger logger)
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    public async Task FindDueAsync(
        StoreSession read, TimedWrites due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var every = TimeSpan.FromMinutes(settings.RemindEveryMinutes);
        foreach (var (incident, lastAlert) in await TimedReads.OpenIncidentsAsync(read, cancellationToken))
        {
            if (incident.AcknowledgedBy is not null)
            {
                continue;
            }

            var last = DateTimeOffset.FromUnixTimeMilliseconds(lastAlert ?? incident.StartTime);
            var remind = settings.RemindEveryMinutes > 0 && notifiers.Enabled.Count > 0 && now - last >= every;
            var policy = settings.Escalation.For(incident.Account);
            var step = policy?.DueStep(now - DateTimeOffset.FromUnixTimeMilliseconds(incident.StartTime)) ?? 0;
            var escalate = step > incident.EscalationStep;
            if ((!remind && !escalate) || await QuietAsync(read, incident, now, cancellationToken))
            {
                continue;
            }

            if (remind)
            {
                due.Remind(alerting.Compose(new IncidentStillOpen(incident, now)), incident.Id);
            }

            if (escalate && Usable(policy!.Channels, incident.Account) is { Count: > 0 } channels)
            {
                // A step missed while quiet (or while no Prober ran) is not sent late: the newest due one is.
                due.Escalate(alerting.Compose(new IncidentEscalated(incident, step, policy.Steps, now)), channels,
                    incident.Id, step, policy.Steps);
            }
        }
    }

    private async Task<bool> QuietAsync(
        StoreSession read, IncidentRecord incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (settings.Maintenance.Any(w => w.Covers(incident.Account, now)))
        {
            return true;
        }

        foreach (var quiet in quietHours)
        {
            if (await quiet.QuietAsync(read, incident.Account, incident.CheckType, now, cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The policy's channels that can send; one that cannot is named in the log once.</summary>
    private List<string> Usable(IReadOnlyList<string> channels, string account)
    {
        foreach (var missing in channels.Where(c => !notifiers.ByName.ContainsKey(c) && _warned.Add(c)))
        {
            LogUnusableChannel(logger, missing, account);
        }

        return [.. channels.Where(notifiers.ByName.ContainsKey)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation channel {Channel} (account {Account}) is not a "
        + "usable alert channel: escalations are not sent there. Check Alerts:Channels:{Channel}.")]
    private static partial void LogUnusableChannel(ILogger logger, string channel, string account);
}
