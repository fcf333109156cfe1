using AmoHealth.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

public static class StatsApi
{
    /// <summary>Maps <c>GET /api/stats</c> onto <paramref name="api"/> (the <c>/api</c> group).</summary>
    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("Stats");
        group.MapGet("/stats", GetStatsAsync)
            .WithSummary("Uptime, latency percentiles, incidents and MTTR per check")
            .WithDescription("From the rollups. `uptime` is by count of results, `uptimeByTime` by time outside " +
                "confirmed incidents; percentiles are within 1 %, avg/min/max exact; " +
                "`mttr` in ms over incidents closed in the window.");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<CheckStats>>, ProblemHttpResult>> GetStatsAsync(
        StatsReader reader, TimeProvider time,
        string? hours, string? from, string? to, string? account, string? checkType,
        CancellationToken cancellationToken)
    {
        var (window, error) = QueryParameters.Window(hours, from, to, time.GetUtcNow());
        error ??= QueryParameters.CheckType(checkType);
        if (error is not null)
        {
            return error;
        }

        return TypedResults.Ok(await reader.StatsAsync(window, account, checkType, cancellationToken));
    }
}
