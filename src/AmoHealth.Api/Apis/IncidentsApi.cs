using AmoHealth.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

public static class IncidentsApi
{
    // The seed-era columns keep their places; columns added later go at the end.
    private const string Header = "id,account,check_type,kind,start_time,start,end_time,end,duration_ms,details,"
        + "acknowledged_by,acknowledged_at,notes";

    /// <summary>Maps <c>GET /api/incidents</c> onto <paramref name="api"/> (the <c>/api</c> group).</summary>
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("Incidents");
        group.MapGet("/incidents", GetIncidentsAsync)
            .WithSummary("Incident log")
            .WithDescription("Open incidents first, then the most recent. `limit` 1..1000 (default 50), `offset` for " +
                "paging, optional `from`/`to`/`hours` window (incidents overlapping it), `format=csv` (with who " +
                "acknowledged each and when, and its notes).")
            .Produces(StatusCodes.Status200OK, contentType: Csv.ContentType)
            .RequireRateLimiting(Limits.ClientLimits.CsvPolicy);
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<IncidentDto>>, PushStreamHttpResult, ProblemHttpResult>>
        GetIncidentsAsync(
        IncidentReader reader, TimeProvider time, HttpResponse response,
        string? limit, string? offset, string? hours, string? from, string? to, string? account, string? checkType,
        string? format,
        CancellationToken cancellationToken)
    {
        var (count, error) = QueryParameters.WholeNumber(limit, "limit", 50, 1, 1_000);
        var (skip, offsetError) = QueryParameters.WholeNumber(offset, "offset", 0, 0, 1_000_000);
        error ??= offsetError ?? QueryParameters.CheckType(checkType);
        TimeWindow? window = null;
        if (error is null && (hours is not null || from is not null || to is not null))
        {
            (var parsed, error) = QueryParameters.Window(hours, from, to, time.GetUtcNow());
            window = parsed;
        }

        var (csv, formatError) = QueryParameters.Format(format);
        if ((error ?? formatError) is { } problem)
        {
            return problem;
        }

        var incidents = await reader.IncidentsAsync(count, skip, window, account, checkType, cancellationToken);
        if (!csv)
        {
            return TypedResults.Ok(incidents);
        }

        var notes = await reader.NotesAsync([.. incidents.Select(i => i.Id)], cancellationToken);
        Csv.Unbuffered(response);
        return TypedResults.Stream(
            stream => Csv.WriteAsync(stream, Header, incidents.Select(i => string.Join(',',
                    Csv.Number(i.Id), Csv.Text(i.Account), i.CheckType, Csv.Text(i.Kind), Csv.Number(i.StartTime),
                    Csv.Iso(i.StartTime), Csv.Number(i.EndTime), Csv.Iso(i.EndTime), Csv.Number(i.Duration),
                    Csv.Text(i.Details), Csv.Text(i.AcknowledgedBy), Csv.Number(i.AcknowledgedAt),
                    Csv.Text(Notes(notes[i.Id])))).ToAsyncEnumerable(),
                cancellationToken),
            Csv.ContentType, "amohealth-incidents.csv");
    }

    /// <summary>An incident's notes in one cell: <c>2026-12-07T03:14:00Z anna [internal]: text</c>, joined by
    /// <c> | </c>.</summary>
    public static string Notes(IEnumerable<TimelineEntryDto> notes) => string.Join(" | ", notes.Select(n =>
        DateTimeOffset.FromUnixTimeMilliseconds(n.At).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
            System.Globalization.CultureInfo.InvariantCulture)
        + $" {n.Actor} [{(n.IsPublic ? "public" : "internal")}]: {n.Text}"));
}
