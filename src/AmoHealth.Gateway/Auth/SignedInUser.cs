namespace AmoHealth.Gateway.Auth;

/// <summary>
/// <c>GET /auth/me</c>: the access mode (<c>none</c>, <c>login</c>, <c>proxy</c>), the signed-in user (null when
/// anonymous) and the client's address as the Gateway sees it (after a trusted proxy's <c>X-Forwarded-For</c>).
/// </summary>
public sealed record SignedInUser(string Mode, string? User, string? ClientAddress);
