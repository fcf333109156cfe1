namespace AmoHealth.Core.Storage;

/// <summary>A row of <c>maintenance_windows</c>, planned from the page: one-off (<see cref="StartsAt"/> to
/// <see cref="EndsAt"/>) or weekly (<see cref="Weekday"/> at <see cref="StartTime"/> for
/// <see cref="DurationMinutes"/>, in <see cref="TimeZone"/>). <see cref="OnCall.MaintenanceSchedule"/> says when it
/// covers.</summary>
public sealed class MaintenanceRecord
{
    public long Id { get; set; }

    /// <summary>Null: every account.</summary>
    public string? Account { get; set; }

    /// <summary>One-off: Unix milliseconds.</summary>
    public long? StartsAt { get; set; }

    /// <summary>One-off: Unix milliseconds.</summary>
    public long? EndsAt { get; set; }

    /// <summary>Weekly: 0 = Sunday .. 6 = Saturday (<see cref="DayOfWeek"/>).</summary>
    public int? Weekday { get; set; }

    /// <summary>Weekly: local start, <c>HH:mm</c>.</summary>
    public string? StartTime { get; set; }

    /// <summary>Weekly: length.</summary>
    public int? DurationMinutes { get; set; }

    /// <summary>IANA zone of <see cref="StartTime"/> (the team's zone when it was planned).</summary>
    public required string TimeZone { get; set; }

    public required string Reason { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Unix milliseconds; a deleted window is kept for the record.</summary>
    public long? DeletedAt { get; set; }

    public bool IsWeekly => Weekday is not null;
}
