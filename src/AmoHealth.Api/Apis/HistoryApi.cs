using AmoHealth.Core.Checks;
using AmoHealth.Api.Queries;
using AmoHealth.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

public static class HistoryApi
{
    // The seed-era columns keep their places; columns added later go at the end.
    private const string Header = "timestamp,time,account,check_type,status,outcome,response_time,http_status,dns_ms,"
        + "connect_ms,tls_ms,ttfb_ms,error_message,failure_kind";

    /// <summary>Maps <c>GET /api/history</c> onto <paramref name="api"/> (the <c>/api</c> group).</summary>
    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("History");
        group.MapGet("/history", GetHistoryAsync)
            .WithSummary("Response-time history")
            .WithDescription("The last `hours` (default 24, up to 17520) or `from`/`to` (Unix ms or ISO 8601 with " +
                "offset). Windows over 2 h are downsampled on the server to at most 500 points per account and check " +
                "(min/avg/max/p95 per bucket). " +
                "`format=csv` exports the raw results of the window (raw results are kept 30 days).")
            .Produces(StatusCodes.Status200OK, contentType: Csv.ContentType)
            .RequireRateLimiting(Limits.ClientLimits.CsvPolicy);
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<HistoryPoint>>, PushStreamHttpResult, ProblemHttpResult>>
        GetHistoryAsync(
        HistoryReader reader, TimeProvider time, HttpResponse response,
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

        if (csv)
        {
            Csv.Unbuffered(response);
            return TypedResults.Stream(
                stream => Csv.WriteAsync(
                    stream, Header, Lines(reader.RawAsync(window, account, checkType, cancellationToken)),
                    cancellationToken),
                Csv.ContentType, $"amohealth-history-{window.From}-{window.To}.csv");
        }

        return await reader.HistoryAsync(window, account, checkType, cancellationToken) is { } points
            ? TypedResults.Ok(points)
            : QueryParameters.Invalid("account", $"The window holds more than {HistoryReader.MaxSeries} series " +
                $"(account and check): one answer holds at most {HistoryReader.MaxPoints} points, " +
                $"{HistoryReader.MinPointsPerSeries} a series. Ask for one 'account' or 'checkType'.");

        static async IAsyncEnumerable<string> Lines(IAsyncEnumerable<HealthCheckRecord> rows)
        {
            await foreach (var r in rows)
            {
                yield return string.Join(',',
                    Csv.Number(r.Timestamp), Csv.Iso(r.Timestamp), Csv.Text(r.Account), r.CheckType, r.Status,
                    r.Outcome.ToName(), Csv.Number(r.ResponseTime), Csv.Number(r.HttpStatus), Csv.Number(r.DnsMs),
                    Csv.Number(r.ConnectMs), Csv.Number(r.TlsMs),
                    Csv.Number(r.TtfbMs), Csv.Text(r.ErrorMessage), r.Kind.ToName());
            }
        }
    }

}
