namespace AmoHealth.Api.OnCall;

/// <summary>The body of <c>POST /api/maintenance</c>. <c>kind</c> <c>once</c>: <c>startsAt</c> and <c>endsAt</c> (Unix
/// ms, the end after the start and in the future). <c>kind</c> <c>weekly</c>: <c>weekday</c> 0 (Sunday) .. 6,
/// <c>startTime</c> <c>HH:mm</c> in the team's zone (<c>Alerts:TimeZone</c>), <c>durationMinutes</c> 1..1440.
/// <c>account</c> one AmoHealth knows, or null for every account; a <c>reason</c> (1..500 characters).</summary>
public sealed record MaintenanceRequest(
    string? Account,
    string? Kind,
    long? StartsAt,
    long? EndsAt,
    int? Weekday,
    string? StartTime,
    int? DurationMinutes,
    string? Reason)
{
    public const int MaxDurationMinutes = 1_440;
}
