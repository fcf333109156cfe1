namespace AmoHealth.Api.Public.Feeds;

/// <summary>Where a page lives: absolute under <c>PUBLIC_URL</c> when it is set (the address people reach the
/// Gateway at), else relative to the site (the Api cannot know the name it is reached by behind a proxy).</summary>
public sealed record FeedLinks(string Page)
{
    public static FeedLinks For(IConfiguration configuration, string slug)
    {
        var path = $"/status/{slug}";
        return Uri.TryCreate(configuration["PUBLIC_URL"], UriKind.Absolute, out var root)
            && (root.Scheme == Uri.UriSchemeHttp || root.Scheme == Uri.UriSchemeHttps)
            ? new FeedLinks(root.GetLeftPart(UriPartial.Path).TrimEnd('/') + path)
            : new FeedLinks(path);
    }

    /// <summary>An incident's place on the page (the page gives each incident this anchor).</summary>
    public string Incident(long id) => $"{Page}#incident-{id}";

    public string Feed(string name) => $"{Page}/{name}";
}
