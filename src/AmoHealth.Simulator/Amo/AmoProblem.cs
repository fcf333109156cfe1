namespace AmoHealth.Simulator.Amo;

/// <summary>amoCRM's API error bodies: <c>application/problem+json</c> with <c>type =
/// https://httpstatus.es/{code}</c>.</summary>
public static class AmoProblem
{
    public static IResult Create(int status, string title, string detail) => Results.Json(
        new Dictionary<string,
            object> { ["title"] = title, ["type"] = $"https://httpstatus.es/{status}", ["status"] = status,
            ["detail"] = detail },
        statusCode: status,
        contentType: "application/problem+json");

    /// <summary>The body amoCRM sends for a missing, expired or unknown token.</summary>
    public static IResult Unauthorized() =>
        Create(401, "Unauthorized", "Неверный логин или пароль");

    public static IResult Blank() => Create(400, "Bad Request", "Request data must not be blank");

    public static IResult MethodNotAllowed() => Create(405, "Method Not Allowed", "Method Not Allowed");

    public static IResult Forbidden() => Create(403, "Forbidden", "Access denied");

    /// <summary>400 with amoCRM's <c>validation-errors</c> array, one entry per failing element.</summary>
    public static IResult Validation(IEnumerable<(string RequestId, string Code, string Path, string Detail)> errors) =>
        Results.Json(
        new Dictionary<string, object>
        {
            ["validation-errors"] = errors
                .GroupBy(e => e.RequestId)
                .Select(g => new Dictionary<string, object>
                {
                    ["request_id"] = g.Key,
                    ["errors"] = g.Select(e => new Dictionary<string,
                        string> { ["code"] = e.Code, ["path"] = e.Path, ["detail"] = e.Detail }),
                }),
            ["title"] = "Bad Request",
            ["type"] = "https://httpstatus.es/400",
            ["status"] = 400,
            ["detail"] = "Request validation failed",
        },
        statusCode: 400,
        contentType: "application/problem+json");
}
