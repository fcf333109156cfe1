using System.Globalization;
using AmoHealth.Core.Checks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

/// <summary>Query parameters read by hand, so that every bad value is a 400 problem naming the parameter.</summary>
public static class QueryParameters
{
    public const int MaxHours = 24 * 30;

    public static (int Value, ProblemHttpResult? Error) WholeNumber(string? text, string name, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (fallback, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (0, Invalid(name, $"'{name}' must be a whole number from {min} to {max}."));
    }

    public static ProblemHttpResult? CheckType(string? value) =>
        value is null || Core.Checks.CheckType.IsKnown(value)
            ? null
            : Invalid("checkType", $"'checkType' must be one of {string.Join(", ", Core.Checks.CheckType.All)}.");

    public static ProblemHttpResult Invalid(string name, string detail) => TypedResults.Problem(
        title: "Invalid query parameter",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["parameter"] = name });
}
