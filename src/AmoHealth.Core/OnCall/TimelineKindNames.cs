namespace AmoHealth.Core.OnCall;

/// <summary>The stored and wire names of <see cref="TimelineKind"/> (lower case).</summary>
public static class TimelineKindNames
{
    public static IReadOnlyList<TimelineKind> All { get; } = Enum.GetValues<TimelineKind>();

    public static string ToName(this TimelineKind kind) => kind switch
    {
        TimelineKind.Opened => "opened",
        TimelineKind.Acknowledged => "acknowledged",
        TimelineKind.Escalated => "escalated",
        TimelineKind.Note => "note",
        TimelineKind.Reminder => "reminder",
        TimelineKind.Silenced => "silenced",
        TimelineKind.Unsilenced => "unsilenced",
        _ => "closed",
    };

    public static TimelineKind? Parse(string? name) => All.Cast<TimelineKind?>()
        .FirstOrDefault(kind => string.Equals(kind!.Value.ToName(), name, StringComparison.Ordinal));
}
