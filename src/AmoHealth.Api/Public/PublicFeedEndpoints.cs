namespace AmoHealth.Api.Public;

/// <summary>The machine-readable forms of a page: Statuspage-compatible JSON, RSS/Atom and SVG badges.</summary>
public static class PublicFeedEndpoints
{
    public static void Map(RouteGroupBuilder pages)
    {
        _ = pages;
    }
}
