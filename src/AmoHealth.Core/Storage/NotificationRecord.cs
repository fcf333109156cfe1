namespace AmoHealth.Core.Storage;

/// <summary>The alert outbox (table <c>notifications</c>): written in the same transaction as the incident change it
/// announces, delivered by the dispatcher afterwards, marked when delivered. Nothing is lost on a crash.</summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    public required string Account { get; set; }

    public required string CheckType { get; set; }

    public long? IncidentId { get; set; }

    public IncidentRecord? Incident { get; set; }

    /// <summary>The notifier this row is for (<c>mattermost</c>, <c>telegram</c>, <c>webhook</c>): one row per
    /// channel.</summary>
    public string Channel { get; set; } = "mattermost";

    /// <summary><c>down</c> or <c>restored</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The message, rendered when the incident changed, in the configured language.</summary>
    public required string Text { get; set; }

    public int Attempts { get; set; }

    /// <summary>Unix milliseconds; not before this.</summary>
    public long NextAttemptAt { get; set; }

    /// <summary>Unix milliseconds; null until delivered.</summary>
    public long? DeliveredAt { get; set; }

    /// <summary>Why the last attempt failed (never a URL or secret).</summary>
    public string? LastError { get; set; }

    /// <summary>The cluster lease's fence of the sender that claimed the row right before sending it; the row is marked
    /// only while the claim is still this fence's. 0 with one Prober on SQLite; null until first claimed.</summary>
    public long? ClaimedFence { get; set; }

    /// <summary>Unix milliseconds (the claiming Prober's clock): a newer leader leaves a fresh claim alone for a
    /// while.</summary>
    public long? ClaimedAt { get; set; }
}
