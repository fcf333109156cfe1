using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Mattermost;

/// <summary>
/// A Mattermost incoming webhook as the server implements it: JSON or <c>payload=</c> form bodies,
/// <c>200 text/plain ok</c>, and its AppError JSON with 400 for an unknown hook or a bad payload.
/// </summary>
public static partial class MattermostApi
{
    public static RouteGroupBuilder MapMattermostApi(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/hooks");
        hooks.MapPost("/{id}", ReceiveAsync);

        var control = app.MapGroup("/__sim/mattermost");
        control.MapGet("/messages", (MattermostInbox inbox) => Results.Json(inbox.All.Select(m => new
        {
            hookId = m.HookId,
            receivedAt = m.ReceivedAt,
            payload = m.Payload,
            postId = m.PostId,
        })));
        control.MapDelete("/messages", (MattermostInbox inbox) =>
        {
            inbox.Clear();
            return Results.NoContent();
        });
        control.MapMattermostActions();
        return hooks;
    }

    /// <summary>What Mattermost answers when it fails the way <paramref name="status"/> says.</summary>
    private static IResult Failure(HttpResponse response, int status)
    {
        switch (status)
        {
            case 429:
                response.Headers["X-RateLimit-Limit"] = "10";
                response.Headers["X-RateLimit-Remaining"] = "0";
                response.Headers["X-RateLimit-Reset"] = "1";
                response.Headers.RetryAfter = "1";
                return Results.Text("limit exceeded", "text/plain", statusCode: 429);
            case 501:
                return AppError(501, "web.incoming_webhook.disabled.app_error",
                    "Incoming webhooks have been disabled by the system admin.");
            case 400:
                return AppError(400, "web.incoming_webhook.invalid.app_error", "Invalid webhook.");
            case 403:
                return AppError(403, "web.incoming_webhook.permissions.app_error",
                    "Inappropriate channel permissions.");
            default:
                return AppError(status, "api.post.create_webhook_post.creating.app_error", "Error creating post.");
        }
    }

    private static async Task<IResult> ReceiveAsync(
        string id,
        HttpRequest request,
        MattermostInbox inbox,
        IOptions<SimulatorOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (inbox.FailStatus is { } failure)
        {
            return Failure(request.HttpContext.Response, failure);
        }

        // The router only matches [A-Za-z0-9]+; anything else is a plain 404.
        if (!HookId().IsMatch(id))
        {
            return Results.NotFound();
        }

        if (!options.Value.MattermostHooks.Contains(id, StringComparer.Ordinal))
        {
            return AppError(400, "web.incoming_webhook.invalid.app_error", "Invalid webhook.");
        }

        var payload = await ReadPayloadAsync(request, cancellationToken);
        if (payload is null)
        {
            return AppError(400, "model.incoming_hook.parse_data.app_error", "Unable to parse incoming data");
        }

        var hasText = payload["text"] is JsonValue text && text.TryGetValue<string>(out var s) && s.Length > 0;
        var hasAttachments = payload["attachments"] is JsonArray { Count: > 0 };
        if (!hasText && !hasAttachments)
        {
            return AppError(400, "web.incoming_webhook.text.app_error", "No text specified");
        }

        inbox.Add(new MattermostInbox.ReceivedMessage(id, time.GetUtcNow().ToUnixTimeMilliseconds(), payload));
        return Results.Text("ok", "text/plain");
    }

    private static async Task<JsonObject?> ReadPayloadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                return JsonNode.Parse(form["payload"].ToString()) as JsonObject;
            }

            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult AppError(int status, string id, string message) => Results.Json(
        new { id, message, detailed_error = "", request_id = Guid.NewGuid().ToString("N"), status_code = status },
        statusCode: status);

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex HookId();
}
