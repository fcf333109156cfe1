using Microsoft.Net.Http.Headers;

namespace AmoHealth.Api.Public;

/// <summary>The caching every public response shares: an ETag from the snapshot's version and the format (a 304 when
/// the client has it), <c>Cache-Control: public, max-age=30, stale-while-revalidate=60</c>, and <c>X-Robots-Tag:
/// noindex</c> unless the page allows indexing.</summary>
public static class PublicCaching
{
    public const string CacheControl = "public, max-age=30, stale-while-revalidate=60";

    /// <summary>Tells when the snapshot was built, so a cache's copy says its age.</summary>
    public const string SnapshotHeader = "X-AmoHealth-Snapshot-At";

    /// <summary>Sets the headers and answers true when the client's copy is current (then send a 304 and no
    /// body).</summary>
    public static bool NotModified(HttpContext context, PublicSnapshot snapshot, string format)
    {
        var tag = $"\"{snapshot.Version}-{format}\"";
        var headers = context.Response.Headers;
        headers.ETag = tag;
        headers.CacheControl = CacheControl;
        headers[SnapshotHeader] = snapshot.GeneratedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        if (!snapshot.Page.Indexing)
        {
            headers["X-Robots-Tag"] = "noindex";
        }

        var sent = context.Request.Headers.IfNoneMatch;
        return sent.Count > 0 && EntityTagHeaderValue.TryParseList(sent, out var tags)
            && tags.Any(t => t.Tag == tag || t.Tag == "*");
    }

    /// <summary>The whole answer: 304 when current, else <paramref name="body"/> as <paramref name="contentType"/>.
    /// </summary>
    public static IResult Respond(HttpContext context, PublicSnapshot snapshot, string format, string contentType,
        Func<string> body) =>
        NotModified(context, snapshot, format)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Text(body(), contentType, System.Text.Encoding.UTF8);
}
