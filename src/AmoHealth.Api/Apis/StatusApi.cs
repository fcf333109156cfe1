using AmoHealth.Api.Status;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
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
            .WithDescription("One row per account and check in the seed's shape (`status` up/down), with the " +
                "finer `outcome`, why it failed (`failureKind`), the token's expiry, the account's notice and " +
                "`stale` when no result arrived for too long. The same shape is the `data` of a `status_update` " +
                "on `/api/stream`.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<CheckStatusDto>>> GetStatusAsync(
        StatusReader reader,
        Microsoft.Extensions.Options.IOptions<Info.DashboardOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var rows = await reader.ReadAsync(cancellationToken);
        var now = time.GetUtcNow();
        var facts = await reader.ReadAccountFactsAsync(now, cancellationToken);
        var staleAfter = Freshness.StaleAfter(options.Value);
        IReadOnlyList<CheckStatusDto> body = rows
            .Select(r =>
            {
                var (expires, notice) = facts.GetValueOrDefault(r.Account);
                return CheckStatusDto.Of(r) with
                {
                    TokenExpiresAt = expires,
                    TokenDaysLeft = expires is { } e ? TokenExpiry.DaysLeft(e, now.ToUnixTimeMilliseconds()) : null,
                    Notice = notice,
                    Stale = Freshness.IsStale(r.LastCheck, now, staleAfter),
                };
            })
            .ToList();
        return TypedResults.Ok(body);
    }
}
