namespace AmoHealth.Gateway.Extensions;

/// <summary>Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// Whether the Gateway sets the page's security headers (CSP, nosniff, Referrer-Policy, frame-ancestors).
    /// On by default; the deploy kit turns it off because Nginx sets the same headers, in one place.
    /// </summary>
    public bool SecurityHeaders { get; set; } = true;
}
