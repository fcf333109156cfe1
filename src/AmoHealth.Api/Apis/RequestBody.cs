using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

/// <summary>JSON request bodies read by hand, so that a malformed one is a 400 problem naming the field (or
/// <c>body</c>), never a bare status.</summary>
public static class RequestBody
{
    public static async Task<(T? Value, ProblemHttpResult? Error)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Invalid("body", "The body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            return await request.ReadFromJsonAsync(type, cancellationToken) is { } value
                ? (value, null)
                : (null, Invalid("body", "The body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return (null, Invalid(field, $"'{field}' is not valid JSON of the expected type."));
        }
    }

    /// <summary>400 problem+json whose <c>field</c> names what is wrong.</summary>
    public static ProblemHttpResult Invalid(string field, string detail) => TypedResults.Problem(
        title: "Invalid request",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>Required text of 1..<paramref name="max"/> characters after trimming; null when it fits.</summary>
    public static ProblemHttpResult? Text(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > max
            ? Invalid(field, $"'{field}' is required: 1 to {max} characters.")
            : null;
}
