using AmoHealth.Api.Status;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

public static class StatusApi
{
    /// <summary>Maps <c>GET /api/status</c> onto <paramref name="api"/> (the <c>/api</c> group).</summary>
    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("Status");
        group.MapGet("/status", GetStatusAsync)
            .WithSummary("The current status of every account's checks")
            .WithDescription("One row per account and check in the seed's shape (`status` up/down), with the finer `outcome`, " +
                "the token's expiry, the account's notice and `stale` when no result arrived for three intervals.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<CheckStatusDto>>> GetStatusAsync(
        StatusReader reader,
        Microsoft.Extensions.Options.IOptions<Info.DashboardOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var rows = await reader.ReadAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var facts = await reader.ReadAccountFactsAsync(now, cancellationToken);
        IReadOnlyList<CheckStatusDto> body = rows
            .Select(r =>
            {
                var (expires, notice) = facts.GetValueOrDefault(r.Account);
                int? daysLeft = expires is { } e ? TokenExpiry.DaysLeft(e, now) : null;
                return new CheckStatusDto(
                    r.Account, r.CheckType, r.Status, r.Outcome.ToName(), r.ResponseTime, r.LastCheck, r.ErrorMessage, r.HttpStatus,
                    expires, daysLeft, notice, Freshness.IsStale(r.LastCheck, now, options.Value.CheckIntervalMs));
            })
            .ToList();
        return TypedResults.Ok(body);
    }
}
