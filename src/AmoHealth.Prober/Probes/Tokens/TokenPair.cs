using System.Text.Json.Serialization;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>An OAuth pair as stored. <see cref="ExpiresAt"/> is Unix seconds.</summary>
public sealed record TokenPair(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("expires_at")] long ExpiresAt);
