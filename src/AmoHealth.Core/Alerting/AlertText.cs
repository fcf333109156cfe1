using System.Globalization;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using static AmoHealth.Core.Alerting.AlertFormat;

namespace AmoHealth.Core.Alerting;

/// <summary>The incident and monitor-fault alerts, put together from a language's phrases. What a message says is
/// decided by the incident's <see cref="Outcome"/> and the result's <see cref="FailureKind"/>; the probe's own message
/// is only ever printed, as the detail line.</summary>
public static class AlertText
{
    public static string Down(IAlertLanguage l, IncidentRecord incident, ProbeResult result, string? dashboard)
    {
        var account = incident.Account;
        List<string> lines = incident.Kind switch
        {
            Outcome.AuthFailed =>
            [
                l.TokenRejectedTitle(account), l.TokenRejectedNote, l.ErrorLabel + result.ErrorMessage,
                l.SinceLabel + Time(incident.StartTime),
            ],
            // amoCRM answers but refuses us: not an outage. What it means, until when probing pauses, what to do.
            Outcome.Throttled => [l.ThrottledTitle(account), l.ThrottledNote, Paused(l, result), l.ThrottledAdvice],
            Outcome.Blocked =>
                [l.BlockedTitle(account), l.BlockedNote, l.StatusLabel + result.ErrorMessage, l.BlockedAdvice],
            Outcome.Billing => [l.BillingTitle(account), l.BillingNote, l.BillingAdvice],
            _ =>
            [
                l.DownTitle(incident.CheckType, account),
                l.ErrorLabel + (result.ErrorMessage ?? result.Outcome.ToName()),
                $"HTTP: {result.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "—"} · " + l.ResponseTimeLabel
                    + (result.ResponseTimeMs is { } ms ? $"{ms} {l.Milliseconds}" : "—"),
                l.SinceLabel + Time(incident.StartTime),
            ],
        };
        return Finish(lines, dashboard, l);
    }

    public static string Restored(IAlertLanguage l, IncidentRecord incident, string? dashboard)
    {
        var lasted = Duration(TimeSpan.FromMilliseconds(incident.Duration ?? 0), l);
        List<string> lines = incident.Kind switch
        {
            Outcome.AuthFailed => [l.TokenAcceptedTitle(incident.Account)],
            Outcome.Throttled or Outcome.Blocked or Outcome.Billing =>
                [l.AnswersAgainTitle(incident.Account), l.LastedLabel + lasted],
            _ => [l.RestoredTitle(incident.CheckType, incident.Account), l.DowntimeLabel + lasted],
        };
        return Finish(lines, dashboard, l);
    }

    public static string Reminder(IAlertLanguage l, IncidentRecord incident, DateTimeOffset now, string? dashboard) =>
        Finish(
        [
            l.StillDownTitle(incident.CheckType, incident.Account),
            l.StillDownForLabel + Duration(now - DateTimeOffset.FromUnixTimeMilliseconds(incident.StartTime), l),
        ], dashboard, l);

    /// <summary>AmoHealth's own fault: what failed, that amoCRM is fine, the probe's reason as the detail, and what to
    /// fix, chosen by <paramref name="kind"/>.</summary>
    public static string MonitorFault(
        IAlertLanguage l,
        string account,
        IReadOnlyList<string> checks,
        FailureKind kind,
        string? reason,
        DateTimeOffset since) =>
        Finish(
        [
            l.MonitorFaultTitle(string.Join(", ", checks), account),
            l.MonitorFaultNote,
            l.ReasonLabel + reason,
            l.RemedyLabel + l.Remedy(kind),
            l.FaultSinceLabel + Time(since),
        ], null, l);

    /// <summary>The all-clear with the span: for the self-check, "the monitor was offline from X to Y".</summary>
    public static string MonitorFaultCleared(
        IAlertLanguage l, string account, IReadOnlyList<string> checks, DateTimeOffset since, DateTimeOffset until) =>
        l.MonitorFaultCleared(string.Join(", ", checks), account, Time(since), Time(until), Duration(until - since, l));

    /// <summary>Until when requests pause, as amoCRM asked; the probe's own status when it did not say.</summary>
    private static string Paused(IAlertLanguage l, ProbeResult result) => result.PausedUntil is { } until
        ? l.PausedUntil(until)
        : l.StatusLabel + result.ErrorMessage;
}
