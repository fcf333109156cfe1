using AmoHealth.Api.OnCall;
using AmoHealth.Api.Slo;
using AmoHealth.Core.OnCall;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

/// <summary>Error-budget burn alerts: the open ones and those closed in the last 7 days, and taking one. Taking is
/// validated here and applied by the Prober (<see cref="ProberCommands"/>); the answer is read back from the
/// database.</summary>
public static class BurnAlertsApi
{
    /// <summary>How far back closed alerts are listed.</summary>
    public static readonly TimeSpan ClosedWithin = TimeSpan.FromDays(7);

    public static RouteGroupBuilder MapBurnAlertsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/slo").WithTags("SLOs");
        group.MapGet("/alerts", GetAlertsAsync)
            .WithSummary("Burn-rate alerts")
            .WithDescription("Open alerts and those closed in the last 7 days, newest first; `account` filters. " +
                "`rule`: fast (14.4× over 1 h and 5 min) or slow (6× over 6 h and 30 min), both `severity` page; " +
                "ticket (1× over 3 d and 6 h), severity ticket (in the daily summary only). `target` percent, " +
                "`longBurn`/`shortBurn` the windows' burn rates when it opened, times Unix ms.");
        group.MapPost("/alerts/{id}/ack", AcknowledgeAsync)
            .WithSummary("Acknowledge a burn alert (operator)")
            .WithDescription("Takes the open alert: its ✅ then names who took it. Answers the alert as it now is. " +
                "409 when it is closed or already acknowledged (the detail names who). Send " +
                "`X-AmoHealth-Source: dashboard` from the page; anything else is recorded as `api`.")
            .Actions()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<BurnAlertDto>>> GetAlertsAsync(
        string? account, BurnAlertReader reader, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.RecentAsync(
            account, (time.GetUtcNow() - ClosedWithin).ToUnixTimeMilliseconds(), cancellationToken));

    public static async Task<Results<Ok<BurnAlertDto>, ProblemHttpResult>> AcknowledgeAsync(
        long id, HttpRequest request, ProberCommands prober, BurnAlertReader reader,
        CancellationToken cancellationToken)
    {
        var caller = Caller.Of(request);
        if (caller.Needs(Role.Operator, "Acknowledging a burn alert") is { } forbidden)
        {
            return forbidden;
        }

        var answer = await prober.SendAsync(
            new OnCallCommand { Kind = OnCallCommandKinds.AcknowledgeBurn, Id = id, Source = caller.Source }, caller,
            cancellationToken);
        var alert = answer.Applied || answer.Reply?.Status == OnCallReply.Conflict
            ? await reader.FindAsync(id, cancellationToken)
            : null;
        if (answer.Applied)
        {
            return alert is not null ? TypedResults.Ok(alert) : OnCallProblems.NotReadable($"burn alert #{id}");
        }

        if (answer.Reply?.Status != OnCallReply.Conflict || alert is null)
        {
            return OnCallProblems.Of(answer, $"burn alert #{id}");
        }

        var detail = alert.ClosedAt is not null ? $"Burn alert #{id} is closed."
            : $"Burn alert #{id} is already acknowledged by {alert.AcknowledgedBy}.";
        return TypedResults.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?>
            {
                ["acknowledgedBy"] = alert.AcknowledgedBy,
                ["acknowledgedAt"] = alert.AcknowledgedAt,
            });
    }
}
