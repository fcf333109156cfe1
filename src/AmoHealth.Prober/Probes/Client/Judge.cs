using System.Text.Json;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>Reusable judgements of a probe's answer; each returns null when the answer is correct.</summary>
public static class Judge
{
    public static string? Status(ProbeResponse response, params int[] expected) =>
        expected.Contains(response.Status) ? null : $"HTTP {response.Status}: expected {string.Join(" or ", expected)}";

    /// <summary>A JSON object with the given property, as amoCRM's entities all carry <c>id</c>.</summary>
    public static string? JsonWithProperty(ProbeResponse response, string property)
    {
        if (Status(response, 200) is { } wrongStatus)
        {
            return wrongStatus;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty(property, out _)
                ? null
                : $"HTTP 200 but the JSON has no '{property}'";
        }
        catch (JsonException)
        {
            return "HTTP 200 but the body is not JSON";
        }
    }
}
