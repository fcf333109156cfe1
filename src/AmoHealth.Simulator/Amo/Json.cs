using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AmoHealth.Simulator.Amo;

/// <summary>Lenient reading of request bodies: wrong types are validation errors, never exceptions.</summary>
public static class Json
{
    public static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool TryString(JsonNode? node, out string? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            value = s;
            return true;
        }

        return false;
    }

    public static bool TryLong(JsonNode? node, out long? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v)
        {
            if (v.TryGetValue<long>(out var l))
            {
                value = l;
                return true;
            }

            if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue)
            {
                value = (long)d;
                return true;
            }

            if (v.TryGetValue<string>(out var s)
                && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
                return true;
            }
        }

        return false;
    }
}
