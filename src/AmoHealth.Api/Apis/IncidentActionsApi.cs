using AmoHealth.Api.OnCall;
using AmoHealth.Api.Queries;
using AmoHealth.Core.OnCall;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

/// <summary>One incident with its timeline, and what a person does with it: acknowledge, write a note. Actions are
/// validated here and applied by the Prober (<see cref="ProberCommands"/>); the answer is read back from the
/// database.</summary>
public static class IncidentActionsApi
{
    public static RouteGroupBuilder MapIncidentActionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents").WithTags("Incidents");
        group.MapGet("/{id}", GetIncidentAsync)
            .WithSummary("One incident and its timeline")
            .WithDescription("The incident as in the log, and its timeline oldest first: opened, acknowledged, " +
                "escalated, note, reminder, silenced, unsilenced, closed (`kind`), who (`actor`, null for " +
                "AmoHealth itself), the note's `text` and whether it is public (`isPublic`).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/ack", AcknowledgeAsync)
            .WithSummary("Acknowledge an incident (operator)")
            .WithDescription("Takes the open incident: no more reminders or escalations, and the alert channels say " +
                "who took it. Answers the incident as it now is. 409 when it is closed or already acknowledged " +
                "(the detail names who). Send `X-AmoHealth-Source: dashboard` from the page; anything else is " +
                "recorded as `api`.")
            .Actions()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/notes", AddNoteAsync)
            .WithSummary("Write a note on an incident's timeline (operator)")
            .WithDescription("`text` 1..2000 characters, `isPublic` false (internal, the default) or true. " +
                "Answers 201 with the timeline entry.")
            .Accepts<NoteRequest>("application/json")
            .Actions()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The problems every action may answer, and the per-user budget of actions.</summary>
    internal static RouteHandlerBuilder Actions(this RouteHandlerBuilder action) => action
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .RequireRateLimiting(Limits.ClientLimits.ActionPolicy);

    public static async Task<Results<Ok<IncidentDetailDto>, ProblemHttpResult>> GetIncidentAsync(
        long id, IncidentReader reader, CancellationToken cancellationToken) =>
        await reader.DetailAsync(id, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.Problem(title: "Not found", detail: $"There is no incident #{id}.",
                statusCode: StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<IncidentDto>, ProblemHttpResult>> AcknowledgeAsync(
        long id, HttpRequest request, ProberCommands prober, IncidentReader reader,
        CancellationToken cancellationToken)
    {
        var caller = Caller.Of(request);
        if (caller.Needs(Role.Operator, "Acknowledging an incident") is { } forbidden)
        {
            return forbidden;
        }

        var answer = await prober.SendAsync(
            new OnCallCommand { Kind = OnCallCommandKinds.Acknowledge, Id = id, Source = caller.Source }, caller,
            cancellationToken);
        var incident = answer.Applied || answer.Reply?.Status == Core.OnCall.OnCallReply.Conflict
            ? await reader.IncidentAsync(id, cancellationToken)
            : null;
        if (answer.Applied)
        {
            return incident is not null ? TypedResults.Ok(incident) : OnCallProblems.NotReadable($"incident #{id}");
        }

        return answer.Reply?.Status == Core.OnCall.OnCallReply.Conflict && incident is not null
            ? Conflict(id, incident, answer.Reply.Message)
            : OnCallProblems.Of(answer, $"incident #{id}");
    }

    public static async Task<Results<Created<TimelineEntryDto>, ProblemHttpResult>> AddNoteAsync(
        long id, HttpRequest request, ProberCommands prober, IncidentReader reader,
        CancellationToken cancellationToken)
    {
        var (note, error) = await RequestBody.ReadAsync(request, ApiJsonContext.Default.NoteRequest, cancellationToken);
        error ??= RequestBody.Text(note?.Text, "text", NoteRequest.MaxText);
        var caller = Caller.Of(request);
        if ((error ?? caller.Needs(Role.Operator, "Writing a note")) is { } problem)
        {
            return problem;
        }

        var answer = await prober.SendAsync(
            new OnCallCommand
            {
                Kind = OnCallCommandKinds.Note, Id = id, Text = note!.Text!.Trim(), IsPublic = note.IsPublic ?? false,
                Source = caller.Source,
            },
            caller, cancellationToken);
        if (!answer.Applied)
        {
            return OnCallProblems.Of(answer, $"incident #{id}");
        }

        return answer.Reply!.Id is { } entryId && await reader.EntryAsync(entryId, cancellationToken) is { } entry
            ? TypedResults.Created($"/api/incidents/{id}", entry)
            : OnCallProblems.NotReadable($"the note on incident #{id}");
    }

    /// <summary>409 naming why: closed, or who took it and since when.</summary>
    private static ProblemHttpResult Conflict(long id, IncidentDto incident, string? message)
    {
        var detail = incident switch
        {
            { EndTime: not null } => $"Incident #{id} is closed.",
            { AcknowledgedBy: { } who } => $"Incident #{id} is already acknowledged by {who}.",
            _ => message ?? $"Incident #{id} was changed by someone else first.",
        };
        return TypedResults.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?>
            {
                ["acknowledgedBy"] = incident.AcknowledgedBy,
                ["acknowledgedAt"] = incident.AcknowledgedAt,
            });
    }
}
