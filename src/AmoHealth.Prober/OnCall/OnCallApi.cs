using System.Text.Json;
using AmoHealth.Core.OnCall;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Prober.OnCall;

/// <summary><c>POST /internal/oncall</c>: the Api passes a person's action here (behind the internal secret, with the
/// Gateway's user and role headers); the verdict is in the body of a 200.</summary>
public static class OnCallApi
{
    public const string Path = "/internal/oncall";

    /// <summary>Maps the command endpoint.</summary>
    public static RouteHandlerBuilder MapOnCallCommands(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ApplyAsync);

    private static async Task<Results<JsonHttpResult<OnCallReply>, ProblemHttpResult>> ApplyAsync(
        HttpRequest request, IOnCallCommands commands, CancellationToken cancellationToken)
    {
        OnCallCommand? command;
        try
        {
            command = await request.ReadFromJsonAsync(OnCallJsonContext.Default.OnCallCommand, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            command = null;
        }

        if (command is null)
        {
            return TypedResults.Problem("The body is not an on-call command (JSON with a kind).",
                statusCode: StatusCodes.Status400BadRequest);
        }

        // No role header: a viewer, whose actions are refused.
        var actor = new Actor(ActorHeaders.UserOf(request.Headers[ActorHeaders.User]) ?? "unknown",
            ActorHeaders.RoleOf(request.Headers[ActorHeaders.Role]));
        var reply = await commands.ApplyAsync(command, actor, cancellationToken);
        return TypedResults.Json(reply, OnCallJsonContext.Default.OnCallReply);
    }
}
