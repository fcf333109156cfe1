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

    /// <summary>Probe-state key under which the Prober records an account's Digital Pipeline action URL (secret masked).</summary>
    private const string DpActionKey = "dp_action";

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
        var dpActions = new List<DpActionDto>();
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

            var actions = await db.ProbeStates.AsNoTracking().Where(s => s.Key == DpActionKey).ToListAsync(cancellationToken);
            foreach (var row in actions.OrderBy(r => r.Account, StringComparer.Ordinal))
            {
                try
                {
                    var action = JsonSerializer.Deserialize<JsonElement>(row.Value);
                    dpActions.Add(new DpActionDto(row.Account, action.GetProperty("stageId").GetInt64(), action.GetProperty("url").GetString() ?? string.Empty));
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    // A value from another version: leave it out.
                }
            }
        }

        return TypedResults.Ok(new InfoDto(options.Value.Demo, options.Value.CheckIntervalMs, channels, dpActions));
    }
}

/// <param name="Channels">Each alert channel: <c>ok</c>, <c>failing</c> (since when, last error) or <c>misconfigured</c> (why).</param>
/// <param name="DpActions">Per account with the end-to-end DP check: the stage and the URL its Digital Pipeline action
/// "send webhook" must call, the secret shown as <c>{Monitor:HookSecret}</c>.</param>
public sealed record InfoDto(bool Demo, int CheckIntervalMs, IReadOnlyList<ChannelDto> Channels, IReadOnlyList<DpActionDto> DpActions);

public sealed record DpActionDto(string Account, long StageId, string Url);

public sealed record ChannelDto(string Name, string State, long? Since, string? Error);
