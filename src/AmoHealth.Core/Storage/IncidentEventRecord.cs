namespace AmoHealth.Core.Storage;

/// <summary>A row of <c>incident_events</c>: one entry of an incident's timeline.</summary>
public sealed class IncidentEventRecord
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long At { get; set; }

    /// <summary>The <see cref="OnCall.TimelineKind"/> by its name (<c>opened</c>, <c>note</c>, ...).</summary>
    public required string Kind { get; set; }

    /// <summary>Who did it; null for what AmoHealth did by itself.</summary>
    public string? Actor { get; set; }

    public string? Text { get; set; }

    /// <summary>Notes only: shown on the public status page too. Internal by default.</summary>
    public bool Public { get; set; }
}
