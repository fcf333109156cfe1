using System.Text;
using System.Text.Json;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>Reads claims of amoCRM's access tokens. The signature is not checked: amoCRM checks it; we only plan
/// ahead.</summary>
public static class Jwt
{
    /// <summary>The <c>exp</c> claim, or null when the token is not a JWT with one.</summary>
    public static DateTimeOffset? ReadExpiry(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
