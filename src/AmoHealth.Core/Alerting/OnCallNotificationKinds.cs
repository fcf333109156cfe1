namespace AmoHealth.Core.Alerting;

/// <summary>The outbox kinds (<c>notifications.kind</c>) of the on-call alerts, beside
/// <see cref="Storage.NotificationKinds"/>.</summary>
public static class OnCallNotificationKinds
{
    /// <summary>🚨 nobody took an open incident in time: sent to the escalation policy's channels only.</summary>
    public const string Escalated = "escalated";

    /// <summary>👤 someone took an incident (from the dashboard, the API or a button).</summary>
    public const string Acknowledged = "acknowledged";
}
