namespace AmoHealth.Simulator.Amo;

/// <summary>amoCRM's success bodies are <c>application/hal+json</c>.</summary>
public static class Hal
{
    public const string ContentType = "application/hal+json";

    public static IResult Ok(object body) => Results.Json(body, contentType: ContentType);

    public static IResult Created(object body) => Results.Json(body, statusCode: 201, contentType: ContentType);

    public static Dictionary<string, object?> Links(HttpRequest request, string path) =>
        new() { ["self"] = new Dictionary<string, string> { ["href"] = $"{request.Scheme}://{request.Host}{path}" } };
}
