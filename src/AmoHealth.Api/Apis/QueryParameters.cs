using System.Globalization;
using AmoHealth.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.Apis;

/// <summary>Query parameters read by hand, so that every bad value is a 400 problem naming the parameter.</summary>
public static class QueryParameters
{
    /// <summary>The longest window: two years, as long as day rollups are kept by default.</summary>
    public const int MaxHours = 24 * 730;

    public static (int Value, ProblemHttpResult? Error) WholeNumber(string? text, string name, int fallback, int min,
        int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (fallback, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            && value <= max
            ? (value, null)
            : (0, Invalid(name, $"'{name}' must be a whole number from {min} to {max}."));
    }

    public static ProblemHttpResult? CheckType(string? value) =>
        value is null || Core.Checks.CheckType.IsKnown(value)
            ? null
            : Invalid("checkType", $"'checkType' must be one of {string.Join(", ", Core.Checks.CheckType.All)}.");

    /// <summary>The window: <c>from</c>/<c>to</c> (Unix milliseconds or ISO 8601 with an offset) when given, else the
    /// last <c>hours</c> (default 24) up to now. <c>to</c> defaults to now; <c>from</c> must be before it.</summary>
    public static (TimeWindow Window, ProblemHttpResult? Error) Window(string? hours, string? from, string? to,
        DateTimeOffset now)
    {
        var (span, error) = WholeNumber(hours, "hours", 24, 1, MaxHours);
        if (error is not null)
        {
            return (default, error);
        }

        var end = now.ToUnixTimeMilliseconds();
        if (!string.IsNullOrEmpty(to))
        {
            if (Instant(to) is not { } parsed)
            {
                return (default, Invalid("to", "'to' must be Unix milliseconds or an ISO 8601 time with an offset."));
            }

            end = parsed;
        }

        if (string.IsNullOrEmpty(from))
        {
            return (new TimeWindow(end - (span * 3_600_000L), end), null);
        }

        if (Instant(from) is not { } start)
        {
            return (default, Invalid("from", "'from' must be Unix milliseconds or an ISO 8601 time with an offset."));
        }

        if (start >= end)
        {
            return (default, Invalid("from", "'from' must be before 'to'."));
        }

        return end - start > MaxHours * 3_600_000L
            ? (default, Invalid("from", $"The window from 'from' to 'to' must be at most {MaxHours} hours."))
            : (new TimeWindow(start, end), null);
    }

    public static (bool Csv, ProblemHttpResult? Error) Format(string? format) => format switch
    {
        null or "" or "json" => (false, null),
        "csv" => (true, null),
        _ => (false, Invalid("format", "'format' must be json or csv.")),
    };

    public static ProblemHttpResult Invalid(string name, string detail) => TypedResults.Problem(
        title: "Invalid query parameter",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["parameter"] = name });

    private static long? Instant(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return ms is >= 0 and <= 253_402_300_799_999 ? ms : null;
        }

        // An ISO time must say its offset (Z or ±hh:mm): a bare local time would depend on the server's zone.
        return DateTimeOffset.TryParseExact(
                text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUnixTimeMilliseconds()
            : null;
    }
}
