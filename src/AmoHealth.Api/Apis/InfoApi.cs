using AmoHealth.Api.Info;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Apis;

public static class InfoApi
{
    /// <summary>Maps <c>GET /api/info</c>: demo mode and the check interval, for the dashboard.</summary>
    public static RouteGroupBuilder MapInfoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Status");
        group.MapGet("/info", (IOptions<DashboardOptions> options) => TypedResults.Ok(new InfoDto(options.Value.Demo, options.Value.CheckIntervalMs)))
            .WithSummary("Deployment facts for the dashboard: demo mode and the check interval");
        return group;
    }
}

public sealed record InfoDto(bool Demo, int CheckIntervalMs);
