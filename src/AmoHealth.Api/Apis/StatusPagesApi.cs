using AmoHealth.Api.OnCall;
using AmoHealth.Api.Public;
using AmoHealth.Api.Publishing;
using AmoHealth.Core.OnCall;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

/// <summary>Public status pages as the signed-in dashboard manages them: everyone sees the list, an admin publishes,
/// changes and takes down the pages of the dashboard. Pages of the configuration (<c>StatusPages:&lt;slug&gt;</c>) are
/// listed too, read-only.</summary>
public static class StatusPagesApi
{
    public static RouteGroupBuilder MapStatusPagesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).WithTags("Status pages");
        group.MapGet("/status-pages", GetPagesAsync)
            .WithSummary("Published status pages")
            .WithDescription("Every public page, those of the configuration (`source` config, read-only) first, " +
                "then those published from the dashboard (`source` page), each list by slug; `url` is the page's " +
                "address (no sign-in).");
        group.MapPut("/status-pages/{slug}", PublishAsync)
            .WithSummary("Publish an account's status page, or change it (admin)")
            .WithDescription("`slug`: 1..40 lower-case letters, digits and dashes. Body: `account` (one AmoHealth " +
                "knows), `title` up to 80 characters (null: the account's name), `minIncidentMinutes` 0..1440 " +
                "(shorter incidents are left off; default 0), `indexing` (default false: noindex). The page is " +
                "replaced as a whole. 201 when published, 200 when changed; 409 for a page of the configuration.")
            .Accepts<StatusPageRequest>("application/json")
            .Actions()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/status-pages/{slug}", UnpublishAsync)
            .WithSummary("Take a status page down (admin)")
            .WithDescription("204 when taken down; 404 when nothing is published there; 409 for a page of the " +
                "configuration.")
            .Actions()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<StatusPageDto>>> GetPagesAsync(
        StatusPageDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<StatusPageDto>>(
            [.. (await directory.ListAsync(cancellationToken)).Select(StatusPageDto.Of)]);

    public static async Task<Results<Created<StatusPageDto>, Ok<StatusPageDto>, ProblemHttpResult>> PublishAsync(
        string slug, HttpRequest request, ProberCommands prober, StatusPageDirectory directory,
        KnownAccounts accounts, CancellationToken cancellationToken)
    {
        var error = StatusPageRules.Slug(slug);
        StatusPageRequest? page = null;
        if (error is null)
        {
            (page, error) =
                await RequestBody.ReadAsync(request, ApiJsonContext.Default.StatusPageRequest, cancellationToken);
        }

        error ??= StatusPageRules.Body(page!);
        if (error is null && !await accounts.ContainsAsync(page!.Account!, cancellationToken))
        {
            error = RequestBody.Invalid("account", $"AmoHealth knows no account '{page.Account}'.");
        }

        var caller = Caller.Of(request);
        if ((error ?? caller.Needs(Role.Admin, "Publishing a status page")) is { } problem)
        {
            return problem;
        }

        var before = await directory.FindAsync(slug, cancellationToken);
        if (before?.Source == StatusPageDefinition.FromConfig)
        {
            return FromConfiguration(slug);
        }

        var answer = await prober.SendAsync(
            new OnCallCommand
            {
                Kind = OnCallCommandKinds.PublishStatus, Slug = slug, Account = page!.Account,
                Title = StatusPageRules.Title(page.Title), MinIncidentMinutes = page.MinIncidentMinutes ?? 0,
                Indexing = page.Indexing ?? false, Source = caller.Source,
            },
            caller, cancellationToken);
        if (!answer.Applied)
        {
            return OnCallProblems.Of(answer, $"the status page '{slug}'");
        }

        if (await directory.FindAsync(slug, cancellationToken) is not { } after)
        {
            return OnCallProblems.NotReadable($"the status page '{slug}'");
        }

        // Created or changed as this Api saw the page before: two admins publishing one new slug at once are both
        // told 201; the page is one either way.
        return before is null
            ? TypedResults.Created($"/api/status-pages/{slug}", StatusPageDto.Of(after))
            : TypedResults.Ok(StatusPageDto.Of(after));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnpublishAsync(
        string slug, HttpRequest request, ProberCommands prober, StatusPageDirectory directory,
        CancellationToken cancellationToken)
    {
        var caller = Caller.Of(request);
        if ((StatusPageRules.Slug(slug) ?? caller.Needs(Role.Admin, "Taking a status page down")) is { } problem)
        {
            return problem;
        }

        if ((await directory.FindAsync(slug, cancellationToken))?.Source == StatusPageDefinition.FromConfig)
        {
            return FromConfiguration(slug);
        }

        var answer = await prober.SendAsync(
            new OnCallCommand { Kind = OnCallCommandKinds.UnpublishStatus, Slug = slug, Source = caller.Source },
            caller, cancellationToken);
        return answer.Applied ? TypedResults.NoContent() : OnCallProblems.Of(answer, $"the status page '{slug}'");
    }

    private static ProblemHttpResult FromConfiguration(string slug) => TypedResults.Problem(
        title: "Conflict", statusCode: StatusCodes.Status409Conflict,
        detail: $"The page '{slug}' is published in the configuration (StatusPages:{slug}); change it there, "
            + "not from the dashboard.");
}
