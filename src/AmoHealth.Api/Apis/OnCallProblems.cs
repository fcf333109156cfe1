using AmoHealth.Api.OnCall;
using AmoHealth.Core.OnCall;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

/// <summary>What a caller is told when the Prober did not apply an action: its verdict as 404/409/400/403, or 502 when
/// it answered something else, or 503 when it did not answer.</summary>
public static class OnCallProblems
{
    public static ProblemHttpResult Of(ProberAnswer answer, string what) => answer switch
    {
        { Reply: null, HttpStatus: null } => Problem(StatusCodes.Status503ServiceUnavailable, "Prober unavailable",
            "The Prober did not answer; nothing was changed. Retry shortly."),
        { Reply: null, HttpStatus: { } status } => Problem(StatusCodes.Status502BadGateway, "Prober refused",
            $"The Prober answered HTTP {status} instead of a verdict; check that Internal:ProxySecret is the same in "
            + "the Api's and the Prober's configuration."),
        { Reply.Status: OnCallReply.NotFound } => Problem(StatusCodes.Status404NotFound, "Not found",
            answer.Reply.Message ?? $"{what} does not exist or is no longer active."),
        { Reply.Status: OnCallReply.Conflict } => Problem(StatusCodes.Status409Conflict, "Conflict",
            answer.Reply.Message ?? $"{what} was changed by someone else first."),
        { Reply.Status: OnCallReply.Invalid } => Problem(StatusCodes.Status400BadRequest, "Invalid request",
            answer.Reply.Message ?? $"The Prober refused {what} as invalid."),
        { Reply.Status: OnCallReply.Forbidden } => Problem(StatusCodes.Status403Forbidden, "Forbidden",
            answer.Reply.Message ?? $"The Prober refused {what} for your role."),
        _ => Problem(StatusCodes.Status502BadGateway, "Prober refused",
            $"The Prober answered '{answer.Reply!.Status}', which this Api does not know."),
    };

    /// <summary>The Prober applied it, but what it made cannot be read back (a replica behind, a row gone at
    /// once).</summary>
    public static ProblemHttpResult NotReadable(string what) => Problem(StatusCodes.Status502BadGateway,
        "Applied, not readable", $"The Prober applied {what}, but it could not be read back; reload to see it.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
