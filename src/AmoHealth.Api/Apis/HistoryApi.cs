using AmoHealth.Api.Queries;
using AmoHealth.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

public static class HistoryApi
{
    /// <summary>Maps <c>GET /api/history?hours=24[&amp;account=][&amp;checkType=]</c>, <c>GET /api/incidents?limit=50</c> and <c>GET /api/stats?hours=24</c>.</summary>
    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api");
        group.MapGet("/history", GetHistoryAsync);
        group.MapGet("/incidents", GetIncidentsAsync);
        group.MapGet("/stats", GetStatsAsync);
        return group;
    }

    public static Task<Results<Ok<IReadOnlyList<HistoryPoint>>, ProblemHttpResult>> GetHistoryAsync(
        HistoryReader reader, SchemaState schema, TimeProvider time, string? hours, string? account, string? checkType, CancellationToken cancellationToken) =>
        OverWindowAsync(schema, hours, checkType, window => reader.HistoryAsync(window, account, checkType, time.GetUtcNow(), cancellationToken), cancellationToken);

    public static async Task<Results<Ok<IReadOnlyList<IncidentDto>>, ProblemHttpResult>> GetIncidentsAsync(
        HistoryReader reader, SchemaState schema, string? limit, string? account, string? checkType, CancellationToken cancellationToken)
    {
        var (count, error) = QueryParameters.WholeNumber(limit, "limit", 50, 1, 1_000);
        error ??= QueryParameters.CheckType(checkType);
        if (error is not null)
        {
            return error;
        }

        if (!await schema.IsReadyAsync(cancellationToken))
        {
            return StatusApi.StorageNotReady();
        }

        return TypedResults.Ok(await reader.IncidentsAsync(count, account, checkType, cancellationToken));
    }

    public static Task<Results<Ok<IReadOnlyList<CheckStats>>, ProblemHttpResult>> GetStatsAsync(
        HistoryReader reader, SchemaState schema, TimeProvider time, string? hours, string? account, string? checkType, CancellationToken cancellationToken) =>
        OverWindowAsync(schema, hours, checkType, window => reader.StatsAsync(window, account, checkType, time.GetUtcNow(), cancellationToken), cancellationToken);

    /// <summary>Validates <c>hours</c> and <c>checkType</c>, waits for the schema, then runs <paramref name="query"/>.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> OverWindowAsync<T>(
        SchemaState schema, string? hours, string? checkType, Func<int, Task<T>> query, CancellationToken cancellationToken)
    {
        var (window, error) = QueryParameters.WholeNumber(hours, "hours", 24, 1, QueryParameters.MaxHours);
        error ??= QueryParameters.CheckType(checkType);
        if (error is not null)
        {
            return error;
        }

        if (!await schema.IsReadyAsync(cancellationToken))
        {
            return StatusApi.StorageNotReady();
        }

        return TypedResults.Ok(await query(window));
    }
}
