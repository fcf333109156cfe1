using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Alerting;

/// <summary>The one place an event becomes a message: its outbox kind (which rules apply: grouping, ordering behind its
/// incident, reminders), the check it is filed under and its text in the configured language.</summary>
public static class AlertMessages
{
    /// <summary>The account of an alert about the whole installation (the Api's "not probing").</summary>
    public const string Everything = "";

    /// <summary>How the whole installation is named in the Api's "not probing" text.</summary>
    public const string EverythingName = "amoCRM";

    /// <summary>The check column of the "not probing" alerts.</summary>
    public const string ProbingCheck = "PROBING";

    /// <param name="dashboard">The link added to incident alerts and the summary, or null.</param>
    /// <param name="zone">The team's zone (<c>Alerts:TimeZone</c>) every moment is written in; UTC when not given.
    /// </param>
    public static OutboxMessage For(AlertEvent alert, IAlertLanguage l, string? dashboard, TimeZoneInfo? zone = null)
    {
        var z = zone ?? TimeZoneInfo.Utc;
        return alert switch
        {
            IncidentOpened e => Incident(e.Incident, NotificationKinds.Down,
                AlertText.Down(l, e.Incident, e.Trigger, dashboard, z)),
            IncidentClosed e => Incident(e.Incident, NotificationKinds.Restored,
                AlertText.Restored(l, e.Incident, dashboard, z)),
            IncidentStillOpen e => Incident(e.Incident, NotificationKinds.Reminder,
                AlertText.Reminder(l, e.Incident, e.At, dashboard, z)),
            IncidentEscalated e => Incident(e.Incident, OnCallNotificationKinds.Escalated,
                AlertText.Escalated(l, e, dashboard, z)),
            IncidentAcknowledged e => Incident(e.Incident, OnCallNotificationKinds.Acknowledged,
                AlertText.Acknowledged(l, e, z)),
            MonitorFaultRaised e => new(e.Account, e.CheckType, null, NotificationKinds.Monitor,
                AlertText.MonitorFault(l, e.Account, e.Checks, e.Kind, e.Reason, e.Since, z)),
            MonitorFaultCleared e => new(e.Account, e.CheckType, null, NotificationKinds.Monitor,
                AlertText.MonitorFaultCleared(l, e.Account, e.Checks, e.Since, e.Until, z)),
            TestLeadReplaced e => new(e.Account, Checks.CheckType.Post, null, NotificationKinds.Info,
                NoticeText.TestLeadReplaced(l, e.Account, e.OldId, e.NewId, e.WasConfigured)),
            TokenExpiring e => new(e.Account, "TOKEN", null, NotificationKinds.Token,
                NoticeText.TokenExpiring(l, e.Account, e.ExpiresAt, e.DaysLeft, z)),
            DailySummary e => new(e.Account, "SUMMARY", null, NotificationKinds.Summary,
                NoticeText.DailySummary(l, e, dashboard, z)),
            MonthlyReportReady e => new(e.Account, MonthlyReportText.Check, null, NotificationKinds.MonthlyReport,
                MonthlyReportText.Compose(l, e)),
            ProbingStopped e => new(e.Account, ProbingCheck, null, NotificationKinds.NotProbing,
                NoticeText.NotProbing(l, Subject(e.Account), e.Last, e.At, z)),
            ProbingResumed e => new(e.Account, ProbingCheck, null, NotificationKinds.ProbingAgain,
                NoticeText.ProbingAgain(l, Subject(e.Account), e.LastBefore, e.Newest)),
            BurnStarted e => new(e.Account, e.Objective.CheckType, null, NotificationKinds.Burn,
                BurnText.Started(l, e, dashboard, z)),
            BurnCleared e => new(e.Account, e.CheckType, null, NotificationKinds.BurnCleared,
                BurnText.Cleared(l, e, dashboard, z)),
            _ => throw new ArgumentOutOfRangeException(nameof(alert), alert.GetType().Name,
                "An event without a message."),
        };
    }

    private static OutboxMessage Incident(IncidentRecord incident, string kind, string text) =>
        new(incident.Account, incident.CheckType, incident.Id, kind, text);

    private static string Subject(string account) => account == Everything ? EverythingName : account;
}
