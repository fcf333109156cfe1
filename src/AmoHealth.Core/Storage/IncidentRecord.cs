using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Storage;

/// <summary>A row of the seed's <c>incidents</c> table, plus the account and the kind of incident.</summary>
public sealed class IncidentRecord
{
    public long Id { get; set; }

    public required string CheckType { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long StartTime { get; set; }

    /// <summary>Unix milliseconds; null while the incident is open.</summary>
    public long? EndTime { get; set; }

    /// <summary><c>end_time − start_time</c> in milliseconds.</summary>
    public long? Duration { get; set; }

    public string? Details { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    public required string Account { get; set; }

    /// <summary>The outcome that opened it, stored by its name (<c>down</c>, <c>auth_failed</c>, ...).</summary>
    public required Outcome Kind { get; set; }

    /// <summary>Who took the incident (a dashboard user, a Mattermost or Telegram name); null while nobody
    /// has.</summary>
    public string? AcknowledgedBy { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long? AcknowledgedAt { get; set; }

    /// <summary>Escalations sent so far (0: none).</summary>
    public int EscalationStep { get; set; }

    /// <summary>Unix milliseconds of the last escalation.</summary>
    public long? EscalatedAt { get; set; }
}
