namespace AmoHealth.Api.Queries;

/// <summary>A maintenance window of <c>GET /api/maintenance</c>. <c>kind</c> <c>once</c> (<c>startsAt</c> to
/// <c>endsAt</c>, Unix ms) or <c>weekly</c> (<c>weekday</c> 0 = Sunday .. 6 at <c>startTime</c> HH:mm in
/// <c>timeZone</c> for <c>durationMinutes</c>); <c>account</c> null for every account. <c>source</c> <c>page</c>
/// (planned from the dashboard or the API; deletable by its id) or <c>config</c> (<c>Alerts:Maintenance</c>; id 0, not
/// deletable). <c>active</c>: it covers now; <c>next</c>: the occurrence covering now or the next one (a one-off
/// window's only one).</summary>
public sealed record MaintenanceDto(
    long Id,
    string? Account,
    string Kind,
    long? StartsAt,
    long? EndsAt,
    int? Weekday,
    string? StartTime,
    int? DurationMinutes,
    string TimeZone,
    string Reason,
    string? CreatedBy,
    long? CreatedAt,
    string Source,
    bool Active,
    MaintenanceOccurrence Next)
{
    public const string Once = "once";
    public const string Weekly = "weekly";
    public const string FromPage = "page";
    public const string FromConfig = "config";
}
