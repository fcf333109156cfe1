using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AmoHealth.Api.Apis;
using AmoHealth.Api.Public.Feeds;

namespace AmoHealth.Api.Public;

/// <summary>The machine-readable forms of a page: Statuspage-compatible JSON, RSS/Atom and SVG badges. Each renders
/// only the page's <see cref="PublicSnapshot"/> and answers through <see cref="PublicCaching"/> (an ETag per
/// format).</summary>
public static class PublicFeedEndpoints
{
    private static StatuspageJsonContext Json => StatuspageJsonContext.Default;

    public static void Map(RouteGroupBuilder pages)
    {
        MapJson(pages, "summary.json", "summary", r => Write(r.Summary(), Json.StatuspageSummary));
        MapJson(pages, "status.json", "status", r => Write(r.Status(), Json.StatuspageStatusDocument));
        MapJson(pages, "components.json", "components",
            r => Write(r.ComponentsDocument(), Json.StatuspageComponentsDocument));
        MapJson(pages, "incidents.json", "incidents", r => Write(r.Incidents(), Json.StatuspageIncidentsDocument));
        MapJson(pages, "incidents/unresolved.json", "unresolved",
            r => Write(r.UnresolvedIncidents(), Json.StatuspageIncidentsDocument));
        MapJson(pages, "scheduled-maintenances.json", "maintenances",
            r => Write(r.MaintenanceDocument(null), Json.StatuspageMaintenancesDocument));
        MapJson(pages, "scheduled-maintenances/upcoming.json", "maintenances-upcoming",
            r => Write(r.MaintenanceDocument(false), Json.StatuspageMaintenancesDocument));
        MapJson(pages, "scheduled-maintenances/active.json", "maintenances-active",
            r => Write(r.MaintenanceDocument(true), Json.StatuspageMaintenancesDocument));
        pages.MapGet("/history.rss", RssAsync).ExcludeFromDescription();
        pages.MapGet("/history.atom", AtomAsync).ExcludeFromDescription();
        pages.MapGet("/badge.svg", BadgeAsync).ExcludeFromDescription();
        pages.MapGet("/uptime.svg", UptimeAsync).ExcludeFromDescription();
    }

    public static async Task<IResult> RssAsync(HttpContext context, string slug, string? lang)
    {
        if (await LoadAsync(context, slug) is not { } snapshot)
        {
            return NoPage();
        }

        if (FeedTexts.For(lang, snapshot.Page.Language) is not { } texts)
        {
            return BadLanguage();
        }

        var feed = new IncidentFeed(snapshot, FeedLinks.For(Configuration(context), slug), texts);
        Shared(context);
        return PublicCaching.Respond(context, snapshot, $"rss-{texts.Code}", "application/rss+xml",
            () => RssFeed.Render(feed));
    }

    public static async Task<IResult> AtomAsync(HttpContext context, string slug, string? lang)
    {
        if (await LoadAsync(context, slug) is not { } snapshot)
        {
            return NoPage();
        }

        if (FeedTexts.For(lang, snapshot.Page.Language) is not { } texts)
        {
            return BadLanguage();
        }

        var links = FeedLinks.For(Configuration(context), slug);
        var feed = new IncidentFeed(snapshot, links, texts);
        Shared(context);
        return PublicCaching.Respond(context, snapshot, $"atom-{texts.Code}", "application/atom+xml",
            () => AtomFeed.Render(feed, links.Feed("history.atom")));
    }

    public static Task<IResult> BadgeAsync(HttpContext context, string slug, string? check, string? label,
        string? lang) =>
        BadgeFeed.RespondAsync(context, slug, new BadgeRequest("badge", check, label, lang), (snapshot, one, texts) =>
            BadgeValues.State(one?.State ?? snapshot.Overall, texts));

    public static Task<IResult> UptimeAsync(HttpContext context, string slug, string? check, string? label,
        string? lang) =>
        BadgeFeed.RespondAsync(context, slug, new BadgeRequest("uptime", check, label, lang), (snapshot, one, texts) =>
            BadgeValues.Uptime(one is null ? BadgeValues.Uptime30Days(snapshot.Checks) : one.Uptime30Days, texts));

    internal static async Task<PublicSnapshot?> LoadAsync(HttpContext context, string slug) =>
        await context.RequestServices.GetRequiredService<IPublicSnapshots>().GetAsync(slug, context.RequestAborted);

    internal static IResult NoPage() => TypedResults.Problem(
        title: "No status page", detail: "Nothing is published at this address.",
        statusCode: StatusCodes.Status404NotFound);

    internal static IResult BadLanguage() => QueryParameters.Invalid("lang", "'lang' must be ru or en.");

    /// <summary>Public and without credentials: any site's script may read it (as Statuspage's API allows).</summary>
    internal static void Shared(HttpContext context) =>
        context.Response.Headers.AccessControlAllowOrigin = "*";

    private static IConfiguration Configuration(HttpContext context) =>
        context.RequestServices.GetRequiredService<IConfiguration>();

    private static void MapJson(RouteGroupBuilder pages, string path, string format,
        Func<StatuspageRenderer, string> render) =>
        pages.MapGet($"/api/v2/{path}", async (HttpContext context, string slug) =>
        {
            if (await LoadAsync(context, slug) is not { } snapshot)
            {
                return NoPage();
            }

            var renderer = new StatuspageRenderer(snapshot, FeedLinks.For(Configuration(context), slug));
            Shared(context);
            return PublicCaching.Respond(context, snapshot, format, "application/json", () => render(renderer));
        }).ExcludeFromDescription();

    private static string Write<T>(T document, JsonTypeInfo<T> type) => JsonSerializer.Serialize(document, type);
}
