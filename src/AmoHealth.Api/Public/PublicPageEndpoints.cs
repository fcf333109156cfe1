namespace AmoHealth.Api.Public;

/// <summary>The server-rendered page: <c>GET /status/{slug}</c>.</summary>
public static class PublicPageEndpoints
{
    public static void Map(RouteGroupBuilder pages)
    {
        _ = pages;
    }
}
