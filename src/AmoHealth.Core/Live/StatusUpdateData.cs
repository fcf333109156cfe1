using System.Text.Json.Serialization;

namespace AmoHealth.Core.Live;

/// <summary>The <c>data</c> part of <see cref="StatusUpdate"/>.</summary>
public sealed record StatusUpdateData(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("responseTime")] int? ResponseTime,
    [property: JsonPropertyName("lastCheck")] long LastCheck,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage);
