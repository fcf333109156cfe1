using AmoHealth.Core.Storage;
using AmoHealth.Prober.Notifications;

namespace AmoHealth.Prober.Alerting;

/// <summary>Adds an alert to the outbox, one row per usable channel (to be saved by the caller's transaction).</summary>
public static class Outbox
{
    public static void Add(
        AmoHealthDbContext db, Notifiers notifiers, string account, string checkType, IncidentRecord? incident, string kind, string text, long now)
    {
        foreach (var notifier in notifiers.Enabled)
        {
            db.Notifications.Add(new NotificationRecord
            {
                Account = account,
                CheckType = checkType,
                Incident = incident,
                IncidentId = incident?.Id is > 0 ? incident.Id : null,
                Channel = notifier.Name,
                Kind = kind,
                Text = text,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
    }
}
