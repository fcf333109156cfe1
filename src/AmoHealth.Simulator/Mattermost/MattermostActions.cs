using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmoHealth.Simulator.Webhooks;

namespace AmoHealth.Simulator.Mattermost;

/// <summary>
/// Interactive posts as Mattermost serves them: a click on a message attachment's button is POSTed to the button's
/// integration URL with the clicker, the channel, the post and the button's context; an <c>update</c> in the answer
/// replaces the post's text and attachments; the answer (with its <c>ephemeral_text</c>) goes back to the clicker.
/// <c>POST /__sim/mattermost/click {"index": n | "postId": "...", "actionId": "ack", "userName": "anna"}</c> clicks.
/// </summary>
public static class MattermostActions
{
    public const string ChannelId = "simchannel0000000000000000";

    /// <summary>Mattermost's default limit for an integration's answer (OutgoingIntegrationRequestsTimeout).</summary>
    private static readonly TimeSpan IntegrationTimeout = TimeSpan.FromSeconds(30);

    public static RouteHandlerBuilder MapMattermostActions(this IEndpointRouteBuilder control) =>
        control.MapPost("/click", ClickAsync);

    public sealed record Click(int? Index, string? PostId, string? ActionId, string? UserName);

    private static async Task<IResult> ClickAsync(
        Click click, MattermostInbox inbox, IHttpClientFactory httpClients, CancellationToken cancellationToken)
    {
        var all = inbox.All;
        var message = click.PostId is { } postId
            ? all.FirstOrDefault(m => m.PostId == postId)
            : click.Index is { } index && index >= 0 && index < all.Count ? all[index] : null;
        if (message is null)
        {
            return AppError(404, "app.post.get.app_error", "Unable to get the post.");
        }

        var actionId = click.ActionId ?? "ack";
        var action = (message.Payload["attachments"] as JsonArray ?? [])
            .SelectMany(a => a?["actions"] as JsonArray ?? [])
            .FirstOrDefault(a => a?["id"]?.GetValue<string>() == actionId);
        if (action?["integration"]?["url"]?.GetValue<string>() is not { } url)
        {
            return AppError(404, "api.post.do_action.action_id.app_error", "Unable to find the action.");
        }

        var userName = click.UserName ?? "anna";
        var body = new JsonObject
        {
            ["user_id"] = "u" + Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(userName)),
            ["user_name"] = userName,
            ["channel_id"] = ChannelId,
            ["channel_name"] = "alerts",
            ["team_id"] = "simteam00000000000000000000",
            ["team_domain"] = "sim",
            ["post_id"] = message.PostId,
            ["trigger_id"] = Guid.NewGuid().ToString("N"),
            ["type"] = "",
            ["data_source"] = "",
            ["context"] = action["integration"]?["context"]?.DeepClone() ?? new JsonObject(),
        };

        JsonObject? answer;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(IntegrationTimeout);
            using var client = httpClients.CreateClient(WebhookDispatcher.HttpClientName);
            using var response = await client.PostAsJsonAsync(url, body, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return IntegrationFailed();
            }

            answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token)) as JsonObject;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            return IntegrationFailed();
        }

        if (answer?["update"] is JsonObject update)
        {
            inbox.Update(message.PostId, payload => Apply(payload, update));
        }

        return Results.Json(answer ?? new JsonObject());
    }

    /// <summary>The post as the update leaves it: its message and its props' attachments replaced.</summary>
    private static void Apply(JsonObject payload, JsonObject update)
    {
        if (update["message"] is JsonValue text)
        {
            payload["text"] = text.DeepClone();
        }

        if (update["props"]?["attachments"] is JsonArray attachments)
        {
            payload["attachments"] = attachments.DeepClone();
        }
    }

    private static IResult IntegrationFailed() => AppError(400, "api.post.do_action.action_integration.app_error",
        "Action integration error.");

    private static IResult AppError(int status, string id, string message) => Results.Json(
        new { id, message, detailed_error = "", request_id = Guid.NewGuid().ToString("N"), status_code = status },
        statusCode: status);
}
