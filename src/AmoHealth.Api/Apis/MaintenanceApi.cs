using System.Globalization;
using AmoHealth.Api.OnCall;
using AmoHealth.Api.Queries;
using AmoHealth.Core.OnCall;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

/// <summary>Planned maintenance: alerts are held until the window ends, results inside it are marked. Windows of the
/// configuration (<c>Alerts:Maintenance</c>) are listed too, read-only.</summary>
public static class MaintenanceApi
{
    public static RouteGroupBuilder MapMaintenanceApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("Maintenance");
        group.MapGet("/maintenance", GetWindowsAsync)
            .WithSummary("Maintenance windows not over yet")
            .WithDescription("Planned from the page (`source` page) and in the configuration (`source` config, id 0, " +
                "not deletable), soonest first, each with `active` (it covers now) and `next` (the occurrence " +
                "covering now or the next one). Weekly windows keep their wall-clock time in `timeZone` across " +
                "daylight saving changes.");
        group.MapPost("/maintenance", CreateWindowAsync)
            .WithSummary("Plan a maintenance window (admin)")
            .WithDescription("`kind` once (`startsAt`, `endsAt` in Unix ms) or weekly (`weekday` 0 = Sunday .. 6, " +
                "`startTime` HH:mm in the team's zone, `durationMinutes` 1..1440); `account` or null for every " +
                "account; `reason` 1..500 characters. Answers 201 with the window.")
            .Accepts<MaintenanceRequest>("application/json")
            .Actions();
        group.MapDelete("/maintenance/{id}", DeleteWindowAsync)
            .WithSummary("Delete a maintenance window (admin)")
            .WithDescription("204 when deleted; 404 when there is none; 409 for a window of the configuration.")
            .Actions()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<MaintenanceDto>>> GetWindowsAsync(
        MaintenanceReader reader, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.CurrentAsync(time.GetUtcNow(), cancellationToken));

    public static async Task<Results<Created<MaintenanceDto>, ProblemHttpResult>> CreateWindowAsync(
        HttpRequest request, ProberCommands prober, MaintenanceReader reader, KnownAccounts accounts,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (window, error) =
            await RequestBody.ReadAsync(request, ApiJsonContext.Default.MaintenanceRequest, cancellationToken);
        error ??= Validate(window!, now);
        if (error is null && window!.Account is { } account && !await accounts.ContainsAsync(account,
            cancellationToken))
        {
            error = RequestBody.Invalid("account", $"AmoHealth knows no account '{account}'.");
        }

        var caller = Caller.Of(request);
        if ((error ?? caller.Needs(Role.Admin, "Planning maintenance")) is { } problem)
        {
            return problem;
        }

        var weekly = window!.Kind == MaintenanceDto.Weekly;
        var answer = await prober.SendAsync(
            new OnCallCommand
            {
                Kind = OnCallCommandKinds.Maintenance, Account = window.Account,
                StartsAt = weekly ? null : window.StartsAt, EndsAt = weekly ? null : window.EndsAt,
                Weekday = weekly ? window.Weekday : null, StartTime = weekly ? window.StartTime : null,
                DurationMinutes = weekly ? window.DurationMinutes : null, Reason = window.Reason!.Trim(),
                Source = caller.Source,
            },
            caller, cancellationToken);
        if (!answer.Applied)
        {
            return OnCallProblems.Of(answer, "the maintenance window");
        }

        return answer.Reply!.Id is { } id && await reader.WindowAsync(id, now, cancellationToken) is { } created
            ? TypedResults.Created($"/api/maintenance/{id}", created)
            : OnCallProblems.NotReadable("the maintenance window");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteWindowAsync(
        long id, HttpRequest request, ProberCommands prober, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(request);
        if (caller.Needs(Role.Admin, "Deleting maintenance") is { } forbidden)
        {
            return forbidden;
        }

        if (id == 0)
        {
            return TypedResults.Problem(title: "Conflict", statusCode: StatusCodes.Status409Conflict,
                detail: "Windows of the configuration (Alerts:Maintenance) are changed there, not from the page.");
        }

        var answer = await prober.SendAsync(
            new OnCallCommand { Kind = OnCallCommandKinds.EndMaintenance, Id = id, Source = caller.Source }, caller,
            cancellationToken);
        return answer.Applied ? TypedResults.NoContent() : OnCallProblems.Of(answer, $"maintenance window #{id}");
    }

    private static ProblemHttpResult? Validate(MaintenanceRequest window, DateTimeOffset now)
    {
        switch (window.Kind)
        {
            case MaintenanceDto.Once:
                if (window.StartsAt is not { } start || start < 0)
                {
                    return RequestBody.Invalid("startsAt", "'startsAt' (Unix ms) is required for a one-off window.");
                }

                if (window.EndsAt is not { } end || end <= start)
                {
                    return RequestBody.Invalid("endsAt", "'endsAt' (Unix ms) must be after 'startsAt'.");
                }

                if (end <= now.ToUnixTimeMilliseconds())
                {
                    return RequestBody.Invalid("endsAt", "'endsAt' must be in the future.");
                }

                break;
            case MaintenanceDto.Weekly:
                if (window.Weekday is not (>= 0 and <= 6))
                {
                    return RequestBody.Invalid("weekday", "'weekday' must be 0 (Sunday) to 6 (Saturday).");
                }

                if (window.StartTime is not { Length: 5 } time || !TimeOnly.TryParseExact(
                    time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return RequestBody.Invalid("startTime", "'startTime' must be a local time HH:mm (00:00 to 23:59).");
                }

                if (window.DurationMinutes is not (>= 1 and <= MaintenanceRequest.MaxDurationMinutes))
                {
                    return RequestBody.Invalid("durationMinutes",
                        $"'durationMinutes' must be a whole number from 1 to {MaintenanceRequest.MaxDurationMinutes}.");
                }

                break;
            default:
                return RequestBody.Invalid("kind", "'kind' must be once or weekly.");
        }

        return RequestBody.Text(window.Reason, "reason", SilenceRequest.MaxReason);
    }
}
