using System.Globalization;
using System.Text;

namespace AmoHealth.Api.Apis;

/// <summary>RFC 4180 CSV for exports, safe to open in a spreadsheet.</summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>One text cell. Quoted when it holds a comma, quote or line break; a leading <c>= + - @</c>, tab or CR
    /// gets a <c>'</c> first, so an error message from the network cannot run as a spreadsheet formula.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal)
            + "\"" : value;
    }

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Unix milliseconds as ISO 8601 UTC, for people; the raw number is in its own column.</summary>
    public static string Iso(long? value) =>
        value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Tells Nginx not to spool the export (it would read the whole file from us at once into a temporary
    /// file): the export then goes at the client's pace, one short read of the database at a time.</summary>
    public static void Unbuffered(HttpResponse response) => response.Headers["X-Accel-Buffering"] = "no";

    public static async Task WriteAsync(Stream stream, string header, IAsyncEnumerable<string> lines,
        CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 16 * 1024);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(header.AsMemory(), cancellationToken);
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }
}
