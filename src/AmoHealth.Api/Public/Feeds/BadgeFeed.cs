using AmoHealth.Api.Apis;

namespace AmoHealth.Api.Public.Feeds;

/// <summary>Answers a badge: 404 for an unknown page or check, 400 for a bad label or language, else the SVG through
/// <see cref="PublicCaching"/>.</summary>
public static class BadgeFeed
{
    public static async Task<IResult> RespondAsync(HttpContext context, string slug, BadgeRequest request,
        Func<PublicSnapshot, PublicCheck?, FeedTexts, (string Text, string Color)> value)
    {
        if (await PublicFeedEndpoints.LoadAsync(context, slug) is not { } snapshot)
        {
            return PublicFeedEndpoints.NoPage();
        }

        PublicCheck? check = null;
        if (!string.IsNullOrEmpty(request.Check))
        {
            check = snapshot.Checks.FirstOrDefault(
                c => string.Equals(c.CheckType, request.Check, StringComparison.OrdinalIgnoreCase));
            if (check is null)
            {
                return TypedResults.Problem(title: "No such check", detail: "This page shows no check by that name.",
                    statusCode: StatusCodes.Status404NotFound);
            }
        }

        if (request.LabelText.Length > BadgeRequest.MaxLabel)
        {
            return QueryParameters.Invalid(
                "label", $"'label' must be at most {BadgeRequest.MaxLabel} characters.");
        }

        if (FeedTexts.For(request.Lang, snapshot.Page.Language) is not { } texts)
        {
            return PublicFeedEndpoints.BadLanguage();
        }

        var (text, color) = value(snapshot, check, texts);
        PublicFeedEndpoints.Shared(context);
        return PublicCaching.Respond(context, snapshot, request.Format(check?.CheckType, texts.Code),
            "image/svg+xml", () => SvgBadge.Render(request.LabelText, text, color));
    }
}
