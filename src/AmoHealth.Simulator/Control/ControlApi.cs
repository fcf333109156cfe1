using System.Text.Json;
using System.Text.Json.Nodes;
using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Faults;
using AmoHealth.Simulator.Mattermost;
using AmoHealth.Simulator.OAuth;
using AmoHealth.Simulator.Webhooks;

namespace AmoHealth.Simulator.Control;

/// <summary>
/// <c>/__sim/*</c>: how tests and acceptance scripts drive the simulator (faults, tokens, DP actions) and
/// read what it saw (requests, deliveries). Never part of amoCRM's surface.
/// </summary>
public static class ControlApi
{
    public static RouteGroupBuilder MapControlApi(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/__sim");

        control.MapPost("/faults", AddFaultAsync);
        control.MapGet("/faults", (FaultStore faults) =>
            Results.Json(new { blocked = faults.Blocked, faults = faults.Active }));
        control.MapDelete("/faults", (FaultStore faults, RateLimiter limiter) =>
        {
            faults.Clear();
            limiter.Reset();
            return Results.NoContent();
        });

        control.MapGet("/requests", (RequestLog log, long? since) =>
            Results.Json(log.All.Where(e => since is null || e.Time >= since).Select(e => new
            {
                method = e.Method,
                path = e.Path,
                endpoint = e.Endpoint,
                time = e.Time,
                status = e.Status,
            })));
        control.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        control.MapGet("/deliveries", (DeliveryLog log) => Results.Json(log.All.Select(e => new
        {
            kind = e.Kind,
            destination = e.Destination,
            @event = e.Event,
            attempt = e.Attempt,
            sentAt = e.SentAt,
            status = e.Status,
        })));
        control.MapDelete("/deliveries", (DeliveryLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        control.MapPost("/oauth/code", (TokenStore tokens) => Results.Json(new { code = tokens.IssueCode() }));
        // Every refresh token presented: a reused (spent) one is refused with "Token has been revoked".
        control.MapGet("/oauth/refreshes", (TokenStore tokens) =>
            Results.Json(tokens.Refreshes.Select(r => new { token = r.Token, refusal = r.Refusal, time = r.Time })));
        control.MapPost("/tokens", IssueTokenAsync);
        // The account's admin disconnects the integration: every token is rejected until reconnected.
        control.MapPost("/tokens/revoke", (TokenStore tokens) =>
        {
            tokens.RevokeAll();
            return Results.NoContent();
        });
        control.MapDelete("/tokens/revoke", (TokenStore tokens) =>
        {
            tokens.Reconnect();
            return Results.NoContent();
        });

        // What a user does in amoCRM's UI (delete or merge a lead); the API itself cannot delete leads.
        control.MapDelete("/leads/{id:long}", (long id, AccountState state) =>
            state.Leads.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound());
        control.MapGet("/dp", (AccountState state) =>
            Results.Json(state.DpActions.Select(a => new { statusId = a.Key, url = a.Value })));
        control.MapPut("/dp", SetDpActionAsync);
        control.MapDelete("/dp/{statusId:long}", (long statusId, AccountState state) =>
            state.DpActions.TryRemove(statusId, out _) ? Results.NoContent() : Results.NotFound());

        control.MapBusyApi();
        control.MapPost("/mattermost/fault", SetMattermostFaultAsync);
        control.MapDelete("/mattermost/fault", (MattermostInbox inbox) =>
        {
            inbox.FailStatus = null;
            return Results.NoContent();
        });
        return control;
    }

    private static async Task<IResult> AddFaultAsync(HttpRequest request, FaultStore faults,
        CancellationToken cancellationToken)
    {
        var (fault, error) = FaultInput.Parse(await ReadAsync(request, cancellationToken));
        if (error is not null)
        {
            return error;
        }

        faults.Add(fault!);
        return Results.NoContent();
    }

    private static async Task<IResult> IssueTokenAsync(HttpRequest request, TokenStore tokens,
        CancellationToken cancellationToken)
    {
        var body = request.ContentLength is 0 ? new JsonObject()
            : await ReadAsync(request, cancellationToken) as JsonObject;
        if (body is null)
        {
            return ControlProblem.Field("body", "The body must be a JSON object (or empty).");
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => k is not ("days" or "admin")) is { } unknown)
        {
            return ControlProblem.Field(unknown, $"Unknown field '{unknown}'. Known fields: days, admin.");
        }

        var days = 365;
        if (body["days"] is { } daysNode
            && (daysNode.GetValueKind() != JsonValueKind.Number || !daysNode.AsValue().TryGetValue(out days)
            || days is < 1 or > 1826))
        {
            return ControlProblem.Field("days", "'days' must be a whole number from 1 to 1826 (5 years).");
        }

        var admin = true;
        if (body["admin"] is { } adminNode
            && adminNode.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return ControlProblem.Field("admin", "'admin' must be true or false.");
        }

        admin = body["admin"]?.GetValue<bool>() ?? admin;
        return Results.Json(new { access_token = tokens.IssueLongLived(TimeSpan.FromDays(days), admin) });
    }

    private static async Task<IResult> SetDpActionAsync(HttpRequest request, AccountState state,
        CancellationToken cancellationToken)
    {
        if (await ReadAsync(request, cancellationToken) is not JsonObject body)
        {
            return ControlProblem.Field("body", "The body must be a JSON object with statusId and url.");
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => k is not ("statusId" or "url")) is { } unknown)
        {
            return ControlProblem.Field(unknown, $"Unknown field '{unknown}'. Known fields: statusId, url.");
        }

        if (body["statusId"] is not JsonValue stage || !stage.TryGetValue<long>(out var statusId)
            || !AccountState.IsStage(statusId))
        {
            return ControlProblem.Field("statusId",
                $"'statusId' must be a stage of the pipeline: " +
                    $"{string.Join(", ", AccountState.Stages.Select(s => s.Id))}.");
        }

        if (body["url"] is not JsonValue urlNode || !urlNode.TryGetValue<string>(out var url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return ControlProblem.Field("url", "'url' must be an absolute http(s) URL.");
        }

        state.DpActions[statusId] = url;
        return Results.NoContent();
    }

    private static async Task<IResult> SetMattermostFaultAsync(HttpRequest request, MattermostInbox inbox,
        CancellationToken cancellationToken)
    {
        if (await ReadAsync(request, cancellationToken) is not JsonObject body)
        {
            return ControlProblem.Field("body", "The body must be a JSON object with status.");
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => k != "status") is { } unknown)
        {
            return ControlProblem.Field(unknown, $"Unknown field '{unknown}'. Known fields: status.");
        }

        if (body["status"] is not JsonValue value || !value.TryGetValue<int>(out var status)
            || status is < 400 or > 599)
        {
            return ControlProblem.Field("status", "'status' must be an HTTP error status (400-599).");
        }

        inbox.FailStatus = status;
        return Results.NoContent();
    }

    private static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
