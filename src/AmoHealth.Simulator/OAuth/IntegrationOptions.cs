using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Simulator.OAuth;

/// <summary>The one OAuth integration the fake account knows. Section <c>Simulator:Integration</c>.</summary>
public sealed class IntegrationOptions
{
    /// <summary>Integration id (<c>client_id</c>, also the JWT's <c>aud</c>). Default a fixed demo UUID.</summary>
    [Required]
    public string ClientId { get; set; } = "0c6e5a8e-2a77-4b0b-9a0e-1f4d2c3b4a5f";

    /// <summary>Integration secret. Default <c>demo-secret</c>.</summary>
    [Required]
    public string ClientSecret { get; set; } = "demo-secret";

    /// <summary>Redirect URI; amoCRM requires it to match exactly, trailing slash included.</summary>
    [Required]
    public string RedirectUri { get; set; } = "https://amohealth.example/oauth/callback";

    /// <summary>Lifetime of OAuth access tokens in seconds. Default 86400, as amoCRM.</summary>
    [Range(1, 31_536_000)]
    public int AccessTokenSeconds { get; set; } = 86_400;
}
