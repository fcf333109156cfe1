using AmoHealth.Api.Info;
using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Apis;

public static class InfoApi
{
    /// <summary>Maps <c>GET /api/info</c>: demo mode, the interval, alert channels, DP action URLs.</summary>
    public static RouteGroupBuilder MapInfoApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("Info");
        group.MapGet("/info", GetInfoAsync)
            .WithSummary("Deployment facts for the dashboard: demo mode, the check interval, whether each alert " +
                "channel delivers, where DP actions must point, the team's time zone");
        return group;
    }

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<InfoDto>> GetInfoAsync(
        IOptions<DashboardOptions> options,
        IOptions<OnCall.TeamOptions> team,
        StoreConnections connections,
        SchemaState schema,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<ChannelState> channels = [];
        IReadOnlyList<DpActionDto> dpActions = [];
        if (await schema.IsReadyAsync(cancellationToken))
        {
            // What the Prober recorded for the Api, in the shapes Core defines for both.
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connection
                .Command("SELECT account, \"key\", \"value\" FROM probe_state "
                    + "WHERE account = @account OR \"key\" = @dp")
                .With("@account", string.Empty).With("@dp", ProbeStateKeys.DpAction.Name);
            var rows = await ProbeStateRows.ReadAsync(command, cancellationToken);
            // A value written by another version that does not parse is left out rather than failing the page.
            var prefix = ProbeStateKeys.ChannelPrefix;
            channels = [.. rows
                .Where(r => r.Account.Length == 0 && r.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => r.TryRead(ProbeStateKeys.Channel(r.Key[prefix.Length..]), out var c) ? c : null)
                .OfType<ChannelState>()];
            dpActions = [.. rows
                .OrderBy(r => r.Account, StringComparer.Ordinal)
                .Select(r => r.TryRead(ProbeStateKeys.DpAction, out var a)
                    ? new DpActionDto(r.Account, a.StageId, a.Url)
                    : null)
                .OfType<DpActionDto>()];
        }

        return TypedResults.Ok(new InfoDto(
            options.Value.Demo, options.Value.CheckIntervalMs, channels, dpActions, team.Value.TimeZone));
    }
}

/// <param name="Channels">Each alert channel: <c>ok</c>, <c>failing</c> (since when, last error) or
/// <c>misconfigured</c> (why).</param>
/// <param name="DpActions">Per account with the end-to-end DP check: the stage and the URL its Digital Pipeline action
/// "send webhook" must call, the secret shown as <c>{Monitor:HookSecret}</c>.</param>
/// <param name="TimeZone">The team's zone (<c>Alerts:TimeZone</c>, IANA id): alert texts and weekly maintenance windows
/// read in it.</param>
public sealed record InfoDto(
    bool Demo, int CheckIntervalMs, IReadOnlyList<ChannelState> Channels, IReadOnlyList<DpActionDto> DpActions,
    string TimeZone);

public sealed record DpActionDto(string Account, long StageId, string Url);
