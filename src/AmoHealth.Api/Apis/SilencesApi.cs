using AmoHealth.Api.OnCall;
using AmoHealth.Api.Queries;
using AmoHealth.Core.OnCall;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

/// <summary>Silences: no alerts, reminders or escalations for an account (or one of its checks) for a while; probing
/// and storing go on.</summary>
public static class SilencesApi
{
    public static RouteGroupBuilder MapSilencesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("Silences");
        group.MapGet("/silences", GetSilencesAsync)
            .WithSummary("Silences in force and planned")
            .WithDescription("Those not ended and not run out, the earliest first.");
        group.MapPost("/silences", CreateSilenceAsync)
            .WithSummary("Silence an account or one check (operator)")
            .WithDescription("`account` (one AmoHealth knows), `checkType` (GET, POST, WEB, HOOK, DP) or null for " +
                "the whole account, `minutes` 5..10080 from now, `reason` 1..500 characters, `endOnRecovery` (ends " +
                "by itself when the last open incident in its scope closes). Answers 201 with the silence.")
            .Accepts<SilenceRequest>("application/json")
            .Actions();
        group.MapDelete("/silences/{id}", EndSilenceAsync)
            .WithSummary("End a silence now (operator)")
            .WithDescription("204 when ended; 404 when it is not active (ended, run out or unknown).")
            .Actions()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<SilenceDto>>> GetSilencesAsync(
        SilenceReader reader, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.CurrentAsync(time.GetUtcNow(), cancellationToken));

    public static async Task<Results<Created<SilenceDto>, ProblemHttpResult>> CreateSilenceAsync(
        HttpRequest request, ProberCommands prober, SilenceReader reader, KnownAccounts accounts,
        CancellationToken cancellationToken)
    {
        var (silence, error) =
            await RequestBody.ReadAsync(request, ApiJsonContext.Default.SilenceRequest, cancellationToken);
        error ??= await ValidateAsync(silence!, accounts, cancellationToken);
        var caller = Caller.Of(request);
        if ((error ?? caller.Needs(Role.Operator, "Silencing alerts")) is { } problem)
        {
            return problem;
        }

        var answer = await prober.SendAsync(
            new OnCallCommand
            {
                Kind = OnCallCommandKinds.Silence, Account = silence!.Account, CheckType = silence.CheckType,
                Minutes = silence.Minutes, Reason = silence.Reason!.Trim(),
                EndOnRecovery = silence.EndOnRecovery ?? false, Source = caller.Source,
            },
            caller, cancellationToken);
        if (!answer.Applied)
        {
            return OnCallProblems.Of(answer, "the silence");
        }

        return answer.Reply!.Id is { } id && await reader.SilenceAsync(id, cancellationToken) is { } created
            ? TypedResults.Created($"/api/silences/{id}", created)
            : OnCallProblems.NotReadable("the silence");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EndSilenceAsync(
        long id, HttpRequest request, ProberCommands prober, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(request);
        if (caller.Needs(Role.Operator, "Ending a silence") is { } forbidden)
        {
            return forbidden;
        }

        var answer = await prober.SendAsync(
            new OnCallCommand { Kind = OnCallCommandKinds.EndSilence, Id = id, Source = caller.Source }, caller,
            cancellationToken);
        return answer.Applied ? TypedResults.NoContent() : OnCallProblems.Of(answer, $"silence #{id}");
    }

    private static async Task<ProblemHttpResult?> ValidateAsync(
        SilenceRequest silence, KnownAccounts accounts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(silence.Account))
        {
            return RequestBody.Invalid("account", "'account' is required.");
        }

        if (silence.CheckType is not null && !Core.Checks.CheckType.IsKnown(silence.CheckType))
        {
            return RequestBody.Invalid("checkType",
                $"'checkType' must be one of {string.Join(", ", Core.Checks.CheckType.All)}, or null for every check.");
        }

        if (silence.Minutes is not (>= SilenceRequest.MinMinutes and <= SilenceRequest.MaxMinutes))
        {
            return RequestBody.Invalid("minutes",
                $"'minutes' must be a whole number from {SilenceRequest.MinMinutes} to {SilenceRequest.MaxMinutes}.");
        }

        if (RequestBody.Text(silence.Reason, "reason", SilenceRequest.MaxReason) is { } reason)
        {
            return reason;
        }

        return await accounts.ContainsAsync(silence.Account, cancellationToken)
            ? null
            : RequestBody.Invalid("account", $"AmoHealth knows no account '{silence.Account}'.");
    }
}
