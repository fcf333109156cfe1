using AmoHealth.Api.Slo;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

public static class SloApi
{
    /// <summary>Maps <c>GET /api/slo</c> onto <paramref name="api"/> (the <c>/api</c> group).</summary>
    public static RouteGroupBuilder MapSloApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("SLOs");
        group.MapGet("/slo", GetSlosAsync)
            .WithSummary("Each check against its SLO: error budget left, uptime by time, burn rates, open burn alerts")
            .WithDescription("From the rollups, over the last `Slo:WindowDays` days (30) ending now. Uptime by time " +
                "is good minutes ÷ (good + bad minutes); a minute is bad when a probe of the check in it got " +
                "amoCRM's `down` verdict. Maintenance minutes and minutes without amoCRM's verdict (429, 403, 401, " +
                "unpaid, AmoHealth's own fault) count neither way. `target` is a percent; `budgetMinutes` the bad " +
                "minutes it allows over the judged ones; `burnRates` per window (5m, 30m, 1h, 6h, 3d) the speed of " +
                "spending (1 = exactly the budget over the window). Only checks with data; an unknown account " +
                "answers an empty list.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<SloDto>>, ProblemHttpResult>> GetSlosAsync(
        SloReader reader, string? account, string? checkType, CancellationToken cancellationToken)
    {
        if (QueryParameters.CheckType(checkType) is { } error)
        {
            return error;
        }

        if (account is { Length: > MaxAccountLength })
        {
            return QueryParameters.Invalid(
                "account", $"'account' must be an account's name of at most {MaxAccountLength} characters.");
        }

        return TypedResults.Ok(await reader.ReadAsync(account, checkType, cancellationToken));
    }

    private const int MaxAccountLength = 200;
}
