using AmoHealth.Api.Apis;
using AmoHealth.Api.Public;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Publishing;

/// <summary>What a page's address and body must be before the Prober is asked: null when they fit, else 400
/// problem+json naming the field.</summary>
public static class StatusPageRules
{
    public static ProblemHttpResult? Slug(string slug) => StatusPageSlugs.IsValid(slug)
        ? null
        : RequestBody.Invalid("slug",
            "'slug' must be 1 to 40 lower-case letters, digits and dashes, starting with a letter or a digit.");

    public static ProblemHttpResult? Body(StatusPageRequest page)
    {
        if (string.IsNullOrWhiteSpace(page.Account))
        {
            return RequestBody.Invalid("account", "'account' is required: the account the page publishes.");
        }

        if (page.Title is { } title && title.Trim().Length > StatusPageRequest.MaxTitle)
        {
            return RequestBody.Invalid("title", $"'title' must be at most {StatusPageRequest.MaxTitle} characters.");
        }

        return page.MinIncidentMinutes is null or (>= 0 and <= StatusPageRequest.MaxMinIncidentMinutes)
            ? null
            : RequestBody.Invalid("minIncidentMinutes",
                $"'minIncidentMinutes' must be a whole number from 0 to {StatusPageRequest.MaxMinIncidentMinutes}.");
    }

    /// <summary>The title as stored: trimmed, and null when blank (the page then shows the account).</summary>
    public static string? Title(string? title) => string.IsNullOrWhiteSpace(title) ? null : title.Trim();
}
