using AmoHealth.Api.Status;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

public static class StatusApi
{
    /// <summary>Maps <c>GET /api/status</c>: the current status of every account's checks.</summary>
    public static RouteGroupBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api");
        group.MapGet("/status", GetStatusAsync);
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<CheckStatusDto>>, ProblemHttpResult>> GetStatusAsync(
        StatusReader reader,
        SchemaState schema,
        Microsoft.Extensions.Options.IOptions<Info.DashboardOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!await schema.IsReadyAsync(cancellationToken))
        {
            return StorageNotReady();
        }

        var rows = await reader.ReadAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var facts = await reader.ReadAccountFactsAsync(now, cancellationToken);
        IReadOnlyList<CheckStatusDto> body = rows
            .Select(r =>
            {
                var (expires, notice) = facts.GetValueOrDefault(r.Account);
                int? daysLeft = expires is { } e ? (int)Math.Floor((e - now) / 86_400_000.0) : null;
                return new CheckStatusDto(
                    r.Account, r.CheckType, r.Status, r.Outcome.ToName(), r.ResponseTime, r.LastCheck, r.ErrorMessage, r.HttpStatus,
                    expires, daysLeft, notice, Freshness.IsStale(r.LastCheck, now, options.Value.CheckIntervalMs));
            })
            .ToList();
        return TypedResults.Ok(body);
    }

    /// <summary>The Prober has not created the schema yet (first start): a temporary condition, not a bug.</summary>
    internal static ProblemHttpResult StorageNotReady() => TypedResults.Problem(
        title: "Storage not ready",
        detail: "The database has not been initialised by the Prober yet. Retry shortly.",
        statusCode: StatusCodes.Status503ServiceUnavailable);
}
