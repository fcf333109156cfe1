using System.Text.Json;
using AmoHealth.Api.Info;
using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Apis;

public static class InfoApi
{
    /// <summary>Probe-state key prefix (account "") under which the Prober records each alert channel's state.</summary>
    private const string ChannelKeyPrefix = "channel:";

    /// <summary>Maps <c>GET /api/info</c>: demo mode, the check interval and the alert channels' state, for the dashboard.</summary>
    public static RouteGroupBuilder MapInfoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Status");
        group.MapGet("/info", GetInfoAsync)
            .WithSummary("Deployment facts for the dashboard: demo mode, the check interval, and whether each alert channel delivers");
        return group;
    }

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<InfoDto>> GetInfoAsync(
        IOptions<DashboardOptions> options, IDbContextFactory<AmoHealthDbContext> contexts, SchemaState schema, CancellationToken cancellationToken)
    {
        var channels = new List<ChannelDto>();
        if (await schema.IsReadyAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await db.ProbeStates.AsNoTracking()
                .Where(s => s.Account == string.Empty && s.Key.StartsWith(ChannelKeyPrefix))
                .ToListAsync(cancellationToken);
            foreach (var row in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                try
                {
                    if (JsonSerializer.Deserialize<ChannelDto>(row.Value) is { } channel)
                    {
                        channels.Add(channel);
                    }
                }
                catch (JsonException)
                {
                    // A value from another version: leave it out rather than fail the page.
                }
            }
        }

        return TypedResults.Ok(new InfoDto(options.Value.Demo, options.Value.CheckIntervalMs, channels));
    }
}

/// <param name="Channels">Each alert channel: <c>ok</c>, <c>failing</c> (since when, last error) or <c>misconfigured</c> (why).</param>
public sealed record InfoDto(bool Demo, int CheckIntervalMs, IReadOnlyList<ChannelDto> Channels);

public sealed record ChannelDto(string Name, string State, long? Since, string? Error);
