namespace AmoHealth.Simulator.Amo;

/// <summary>amoCRM's error bodies: <c>application/problem+json</c> with <c>type = https://httpstatus.es/{code}</c>.</summary>
public static class AmoProblem
{
    public static IResult Create(int status, string title, string detail) => Results.Json(
        new Dictionary<string, object> { ["title"] = title, ["type"] = $"https://httpstatus.es/{status}", ["status"] = status, ["detail"] = detail },
        statusCode: status,
        contentType: "application/problem+json");

    /// <summary>The body amoCRM sends for a missing, expired or unknown token.</summary>
    public static IResult Unauthorized() => Create(401, "Unauthorized", "Неверный логин или пароль");

    public static IResult BadRequest(string detail) => Create(400, "Bad Request", detail);

    public static IResult MethodNotAllowed() => Create(405, "Method Not Allowed", "Method Not Allowed");
}
