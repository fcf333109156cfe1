using System.Text.Json;

namespace AmoHealth.Simulator.Amo;

/// <summary>
/// The bodies amoCRM answers errors with: problem+json from the API itself, and nginx HTML pages from its
/// gateway (blocks, 502/503/504, and one of the two 429 variants).
/// </summary>
public static class AmoErrors
{
    public static Task WriteAsync(HttpContext context, int status, string format = "json")
    {
        context.Response.StatusCode = status;
        var endpoint = Faults.AmoEndpoint.Of(context.Request.Path);
        return status switch
        {
            429 when format == "html" => WriteHtmlAsync(context, status, "429 Too Many Requests"),
            429 => WriteProblemAsync(context, status, "Too Many Requests",
                "You have sent too many requests in a given amount of time. Please try again later.", retryAfter: 300),
            403 => WriteHtmlAsync(context, status, "403 Forbidden"),
            502 => WriteHtmlAsync(context, status, "502 Bad Gateway"),
            503 => WriteHtmlAsync(context, status, "503 Service Temporarily Unavailable"),
            504 => WriteHtmlAsync(context, status, "504 Gateway Time-out"),
            _ when endpoint == Faults.AmoEndpoint.Web =>
                WriteHtmlAsync(context, status, $"{status} {ReasonPhrase(status)}"),
            500 => WriteProblemAsync(context, status, "Internal Server Error", "An unknown error occurred."),
            401 => WriteProblemAsync(context, status, "Unauthorized",
                "Неверный логин или пароль"),
            402 => WriteProblemAsync(context, status, "Payment Required", "Payment Required"),
            _ => WriteProblemAsync(context, status, ReasonPhrase(status), ReasonPhrase(status)),
        };
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail,
        int? retryAfter = null)
    {
        var body = new Dictionary<string, object>
        {
            ["title"] = title,
            ["type"] = $"https://httpstatus.es/{status}",
            ["status"] = status,
            ["detail"] = detail,
        };
        if (retryAfter is { } seconds)
        {
            body["retry_after"] = seconds;
        }

        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static Task WriteHtmlAsync(HttpContext context, int status, string title)
    {
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync(
            $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n"
            + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase
            : "Error";
}
