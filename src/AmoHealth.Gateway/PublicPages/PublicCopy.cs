namespace AmoHealth.Gateway.PublicPages;

/// <summary>One good answer of a public page as the Api gave it: the headers a browser or a cache needs to use it
/// again (its type, validators, caching and the snapshot's time) and the body. Never a cookie.</summary>
public sealed record PublicCopy(IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>The headers kept; everything else (Set-Cookie above all) is left out.</summary>
    public static readonly string[] KeptHeaders =
    [
        "Content-Type", "Content-Language", "ETag", "Last-Modified", "Cache-Control", "Vary", "X-Robots-Tag",
        "Access-Control-Allow-Origin", LastGoodAnswers.SnapshotHeader,
    ];

    /// <summary>What the copy costs in memory, roughly: the body, the headers and the key it is kept under.</summary>
    public long Size(string key) =>
        Body.Length + key.Length * 2L + Headers.Sum(header => (header.Key.Length + header.Value.Length) * 2L);

    /// <summary>The copy of <paramref name="response"/>, or null when it may not be kept: anything but a 200, an
    /// answer that sets a cookie or that its maker marked private or not to be stored.</summary>
    public static PublicCopy? Of(HttpResponse response, ReadOnlySpan<byte> body)
    {
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var headers = KeptHeaders
            .Where(name => response.Headers.ContainsKey(name))
            .Select(name => KeyValuePair.Create(name, response.Headers[name].ToString()))
            .ToList();
        return new PublicCopy(headers, body.ToArray());
    }
}
