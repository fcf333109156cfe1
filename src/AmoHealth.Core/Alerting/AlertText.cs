using System.Globalization;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using static AmoHealth.Core.Alerting.AlertFormat;

namespace AmoHealth.Core.Alerting;

/// <summary>The incident and monitor-fault alerts, put together from a language's phrases. What a message says is
/// decided by the incident's <see cref="Outcome"/> and the result's <see cref="FailureKind"/>; the probe's own message
/// is only ever printed, as a detail. Moments are in <c>zone</c>, which each message names once.</summary>
public static class AlertText
{
    public static string Down(
        IAlertLanguage l, IncidentRecord incident, ProbeResult result, string? dashboard, TimeZoneInfo zone)
    {
        var account = incident.Account;
        var since = l.SinceLabel + Zoned(Time(incident.StartTime, zone), zone);
        var failure = l.Failure(result.Kind, result.HttpStatus);
        List<string?> lines = incident.Kind switch
        {
            Outcome.AuthFailed =>
                [l.TokenRejectedTitle(account), l.TokenRejectedNote, l.ErrorLabel + failure, since],
            // amoCRM answers but refuses us: not an outage. What it means, until when probing pauses, what to do.
            Outcome.Throttled =>
                [l.ThrottledTitle(account), l.ThrottledNote, Paused(l, result, zone), l.ThrottledAdvice],
            Outcome.Blocked => [l.BlockedTitle(account), l.BlockedNote, l.StatusLabel + failure, l.BlockedAdvice],
            Outcome.Billing => [l.BillingTitle(account), l.BillingNote, l.BillingAdvice],
            _ =>
            [
                l.DownTitle(incident.CheckType, account),
                l.ErrorLabel + failure,
                l.Detail(result.ErrorMessage),
                $"HTTP: {result.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "—"} · " + l.ResponseTimeLabel
                    + (result.ResponseTimeMs is { } ms ? $"{ms} {l.Milliseconds}" : "—"),
                since,
            ],
        };
        return Finish([.. lines.OfType<string>()], dashboard, l);
    }

    public static string Restored(IAlertLanguage l, IncidentRecord incident, string? dashboard, TimeZoneInfo zone)
    {
        var lasted = Duration(TimeSpan.FromMilliseconds(incident.Duration ?? 0), l);
        List<string> lines = incident.Kind switch
        {
            Outcome.AuthFailed => [l.TokenAcceptedTitle(incident.Account)],
            Outcome.Throttled or Outcome.Blocked or Outcome.Billing =>
                [l.AnswersAgainTitle(incident.Account), l.LastedLabel + lasted],
            _ => [l.RestoredTitle(incident.CheckType, incident.Account), l.DowntimeLabel + lasted],
        };
        if (incident.EndTime is { } end)
        {
            lines.Add(l.FromTo(Time(incident.StartTime, zone), Zoned(Time(end, zone), zone)));
        }

        if (!string.IsNullOrWhiteSpace(incident.AcknowledgedBy))
        {
            lines.Add(l.HandledBy(incident.AcknowledgedBy));
        }

        return Finish(lines, dashboard, l);
    }

    public static string Reminder(
        IAlertLanguage l, IncidentRecord incident, DateTimeOffset now, string? dashboard, TimeZoneInfo zone) =>
        Finish(
        [
            l.StillDownTitle(incident.CheckType, incident.Account),
            l.StillDownForLabel + Duration(now - DateTimeOffset.FromUnixTimeMilliseconds(incident.StartTime), l),
            l.SinceLabel + Zoned(Time(incident.StartTime, zone), zone),
        ], dashboard, l);

    /// <summary>🚨 to the escalation channels: nobody took the incident; the step, for how long, the link.</summary>
    public static string Escalated(
        IAlertLanguage l, IncidentEscalated e, string? dashboard, TimeZoneInfo zone) =>
        Finish(
        [
            l.EscalatedTitle(e.Incident.CheckType, e.Incident.Account, e.Step, e.Steps),
            l.NotTakenFor(Duration(e.At - DateTimeOffset.FromUnixTimeMilliseconds(e.Incident.StartTime), l)),
            l.SinceLabel + Zoned(Time(e.Incident.StartTime, zone), zone),
        ], dashboard, l);

    /// <summary>👤 who took the incident, and since when (the hour and minute: it is now).</summary>
    public static string Acknowledged(IAlertLanguage l, IncidentAcknowledged e, TimeZoneInfo zone) =>
        l.Acknowledged(e.By, e.Incident.CheckType, e.Incident.Account, Zoned(Clock(e.At, zone), zone));

    /// <summary>AmoHealth's own fault: what failed, that amoCRM is fine, the probe's reason as the detail (it names the
    /// setting to fix), and what to fix, chosen by <paramref name="kind"/>.</summary>
    public static string MonitorFault(
        IAlertLanguage l,
        string account,
        IReadOnlyList<string> checks,
        FailureKind kind,
        string? reason,
        DateTimeOffset since,
        TimeZoneInfo zone) =>
        Finish(
        [
            l.MonitorFaultTitle(string.Join(", ", checks), account),
            l.MonitorFaultNote,
            l.ReasonLabel + reason,
            l.RemedyLabel + l.Remedy(kind),
            l.FaultSinceLabel + Zoned(Time(since, zone), zone),
        ], null, l);

    /// <summary>The all-clear with the span: for the self-check, "the monitor was offline from X to Y".</summary>
    public static string MonitorFaultCleared(
        IAlertLanguage l, string account, IReadOnlyList<string> checks, DateTimeOffset since, DateTimeOffset until,
        TimeZoneInfo zone) =>
        l.MonitorFaultCleared(string.Join(", ", checks), account, Time(since, zone), Zoned(Time(until, zone), zone),
            Duration(until - since, l));

    /// <summary>Until when requests pause, as amoCRM asked; what failed when it did not say.</summary>
    private static string Paused(IAlertLanguage l, ProbeResult result, TimeZoneInfo zone) =>
        result.PausedUntil is { } until
            ? l.PausedUntil(Zoned(Clock(until, zone, seconds: true), zone))
            : l.StatusLabel + l.Failure(result.Kind, result.HttpStatus);
}
