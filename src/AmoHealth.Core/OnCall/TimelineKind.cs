namespace AmoHealth.Core.OnCall;

/// <summary>What an entry of an incident's timeline records (<c>incident_events.kind</c>).</summary>
public enum TimelineKind
{
    Opened,
    Acknowledged,
    Escalated,
    Note,
    Reminder,
    Silenced,
    Unsilenced,
    Closed,
}
