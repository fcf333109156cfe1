using AmoHealth.Api.Queries;
using AmoHealth.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

public static class HistoryApi
{
    /// <summary>Maps <c>GET /api/history</c>, <c>GET /api/incidents</c> and <c>GET /api/stats</c>.</summary>
    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("History");
        group.MapGet("/history", GetHistoryAsync)
            .WithSummary("Response-time history")
            .WithDescription("The last `hours` (default 24, up to 17520) or `from`/`to` (Unix ms or ISO 8601 with offset). " +
                "Windows over 2 h are downsampled on the server to at most 500 points per account and check (min/avg/max/p95 per bucket). " +
                "`format=csv` exports the raw results of the window (raw results are kept 30 days).")
            .Produces(StatusCodes.Status200OK, contentType: Csv.ContentType);
        group.MapGet("/incidents", GetIncidentsAsync)
            .WithSummary("Incident log")
            .WithDescription("Open incidents first, then the most recent. `limit` 1..1000 (default 50), `offset` for paging, " +
                "optional `from`/`to`/`hours` window (incidents overlapping it), `format=csv`.")
            .Produces(StatusCodes.Status200OK, contentType: Csv.ContentType);
        group.MapGet("/stats", GetStatsAsync)
            .WithSummary("Uptime, latency percentiles, incidents and MTTR per check")
            .WithDescription("From the rollups. `uptime` is by count of results, `uptimeByTime` by time outside confirmed incidents; " +
                "percentiles are within 1 %, avg/min/max exact; `mttr` in ms over incidents closed in the window.");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<HistoryPoint>>, PushStreamHttpResult, ProblemHttpResult>> GetHistoryAsync(
        HistoryReader reader, SchemaState schema, TimeProvider time,
        string? hours, string? from, string? to, string? account, string? checkType, string? format,
        CancellationToken cancellationToken)
    {
        var (window, error) = QueryParameters.Window(hours, from, to, time.GetUtcNow());
        error ??= QueryParameters.CheckType(checkType);
        var (csv, formatError) = QueryParameters.Format(format);
        if ((error ?? formatError) is { } problem)
        {
            return problem;
        }

        if (!await schema.IsReadyAsync(cancellationToken))
        {
            return StatusApi.StorageNotReady();
        }

        if (csv)
        {
            return TypedResults.Stream(
                stream => Csv.WriteAsync(stream, "timestamp,time,account,check_type,status,outcome,response_time,http_status,dns_ms,connect_ms,tls_ms,ttfb_ms,error_message",
                    Lines(reader.RawAsync(window, account, checkType, cancellationToken)), cancellationToken),
                Csv.ContentType, $"amohealth-history-{window.From}-{window.To}.csv");
        }

        return TypedResults.Ok(await reader.HistoryAsync(window, account, checkType, cancellationToken));

        static async IAsyncEnumerable<string> Lines(IAsyncEnumerable<HealthCheckRecord> rows)
        {
            await foreach (var r in rows)
            {
                yield return string.Join(',',
                    Csv.Number(r.Timestamp), Csv.Iso(r.Timestamp), Csv.Text(r.Account), r.CheckType, r.Status, Core.Checks.OutcomeNames.ToName(r.Outcome),
                    Csv.Number(r.ResponseTime), Csv.Number(r.HttpStatus), Csv.Number(r.DnsMs), Csv.Number(r.ConnectMs), Csv.Number(r.TlsMs),
                    Csv.Number(r.TtfbMs), Csv.Text(r.ErrorMessage));
            }
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<IncidentDto>>, PushStreamHttpResult, ProblemHttpResult>> GetIncidentsAsync(
        HistoryReader reader, SchemaState schema, TimeProvider time,
        string? limit, string? offset, string? hours, string? from, string? to, string? account, string? checkType, string? format,
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

        if (!await schema.IsReadyAsync(cancellationToken))
        {
            return StatusApi.StorageNotReady();
        }

        var incidents = await reader.IncidentsAsync(count, skip, window, account, checkType, cancellationToken);
        if (!csv)
        {
            return TypedResults.Ok(incidents);
        }

        return TypedResults.Stream(
            stream => Csv.WriteAsync(stream, "id,account,check_type,kind,start_time,start,end_time,end,duration_ms,details",
                incidents.Select(i => string.Join(',',
                    Csv.Number(i.Id), Csv.Text(i.Account), i.CheckType, Csv.Text(i.Kind), Csv.Number(i.StartTime), Csv.Iso(i.StartTime),
                    Csv.Number(i.EndTime), Csv.Iso(i.EndTime), Csv.Number(i.Duration), Csv.Text(i.Details))).ToAsyncEnumerable(),
                cancellationToken),
            Csv.ContentType, "amohealth-incidents.csv");
    }

    public static async Task<Results<Ok<IReadOnlyList<CheckStats>>, ProblemHttpResult>> GetStatsAsync(
        HistoryReader reader, SchemaState schema, TimeProvider time,
        string? hours, string? from, string? to, string? account, string? checkType, CancellationToken cancellationToken)
    {
        var (window, error) = QueryParameters.Window(hours, from, to, time.GetUtcNow());
        error ??= QueryParameters.CheckType(checkType);
        if (error is not null)
        {
            return error;
        }

        if (!await schema.IsReadyAsync(cancellationToken))
        {
            return StatusApi.StorageNotReady();
        }

        return TypedResults.Ok(await reader.StatsAsync(window, account, checkType, cancellationToken));
    }
}
