using System.Net.Http.Json;
using System.Text.Json;
using AmoHealth.Simulator.OAuth;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Simulator's OAuth integration as a test drives it: a first refresh token, every refresh it saw.
/// </summary>
public static class SimulatorOAuth
{
    public static readonly IntegrationOptions Integration = new();

    /// <summary>
    /// What a user's consent gives the integration: a code, exchanged for the first pair; returns its refresh token.
    /// </summary>
    public static async Task<string> FirstRefreshTokenAsync(HttpClient simulator)
    {
        using var issued = await simulator.PostAsync("/__sim/oauth/code", null);
        var code = (await issued.JsonAsync()).GetProperty("code").GetString();
        using var response = await simulator.PostAsJsonAsync("/oauth2/access_token", new Dictionary<string, string?>
        {
            ["client_id"] = Integration.ClientId,
            ["client_secret"] = Integration.ClientSecret,
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Integration.RedirectUri,
        });
        return (await response.JsonAsync()).GetProperty("refresh_token").GetString()!;
    }

    /// <summary>Every refresh token presented to the Simulator, in order, with its refusal (null when redeemed).
    /// </summary>
    public static async Task<List<(string Token, string? Refusal)>> RefreshesAsync(HttpClient simulator) =>
        [.. (await simulator.GetFromJsonAsync<JsonElement>("/__sim/oauth/refreshes")).EnumerateArray()
            .Select(r => (r.GetProperty("token").GetString()!, r.GetProperty("refusal").GetString()))];
}
