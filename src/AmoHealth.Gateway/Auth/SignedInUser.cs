namespace AmoHealth.Gateway.Auth;

/// <summary>
/// <c>GET /auth/me</c>: the access mode (<c>none</c>, <c>login</c>, <c>proxy</c>), the signed-in user and their role
/// (<c>viewer</c>, <c>operator</c>, <c>admin</c>; both null when nobody is signed in; <c>anonymous</c> and
/// <c>admin</c> in mode none) and the client's address as the Gateway sees it (after a trusted proxy's
/// <c>X-Forwarded-For</c>).
/// </summary>
public sealed record SignedInUser(string Mode, string? User, string? Role, string? ClientAddress);
