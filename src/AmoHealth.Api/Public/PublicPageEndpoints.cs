using Microsoft.Net.Http.Headers;

namespace AmoHealth.Api.Public;

/// <summary>The server-rendered page: <c>GET /status/{slug}</c> (<c>?lang=ru|en</c>; anything else is the page's
/// language) and its stylesheet <c>GET /status/{slug}/status.css</c>. An address where nothing is published gets a
/// plain 404 that names nothing.</summary>
public static class PublicPageEndpoints
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet(string.Empty, PageAsync).ExcludeFromDescription();
        pages.MapGet("/status.css", StylesheetAsync).ExcludeFromDescription();
    }

    /// <summary>The language a request asks for: <c>ru</c> or <c>en</c>, else the page's own.</summary>
    public static string Language(string? requested, StatusPageDefinition page) =>
        requested is "ru" or "en" ? requested : page.Language;

    /// <summary>The page's path as the browser sees it, for the links it writes.</summary>
    public static string BasePath(HttpContext context, string slug) => $"{context.Request.PathBase}/status/{slug}";

    private static async Task<IResult> PageAsync(
        string slug, string? lang, HttpContext context, IPublicSnapshots snapshots, CancellationToken cancellationToken)
    {
        if (await snapshots.GetAsync(slug, cancellationToken) is not { } snapshot)
        {
            return NotFound();
        }

        var language = Language(lang, snapshot.Page);
        return PublicCaching.Respond(context, snapshot, $"html-{language}", "text/html",
            () => StatusPageHtml.Render(snapshot, language, BasePath(context, snapshot.Page.Slug)));
    }

    private static async Task<IResult> StylesheetAsync(
        string slug, HttpContext context, IPublicSnapshots snapshots, CancellationToken cancellationToken)
    {
        if (await snapshots.GetAsync(slug, cancellationToken) is null)
        {
            return NotFound();
        }

        var tag = $"\"{StatusPageStyles.Version}-css\"";
        var headers = context.Response.Headers;
        headers.ETag = tag;
        headers.CacheControl = StatusPageStyles.CacheControl;
        var sent = context.Request.Headers.IfNoneMatch;
        return sent.Count > 0 && EntityTagHeaderValue.TryParseList(sent, out var tags)
            && tags.Any(t => t.Tag == tag || t.Tag == "*")
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Text(StatusPageStyles.Css, "text/css", System.Text.Encoding.UTF8);
    }

    private static IResult NotFound() =>
        TypedResults.Text(
            StatusPageHtml.NotFound, "text/html", System.Text.Encoding.UTF8, StatusCodes.Status404NotFound);
}
