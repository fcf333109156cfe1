using System.Security.Claims;
using AmoHealth.ServiceDefaults.Access;

namespace AmoHealth.Gateway.Auth;

/// <summary>Who is signed in, as claims: the name and the role (<see cref="RoleNames"/>), the same in every mode.
/// </summary>
public static class Principals
{
    /// <summary>The user of <c>Auth:Mode=None</c> (development on loopback only), who may do everything.</summary>
    public const string Anonymous = "anonymous";

    public static ClaimsPrincipal Create(string name, Role role, string authenticationType,
        params IEnumerable<Claim> more) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role.ToName()), .. more],
            authenticationType));

    /// <summary>The signed-in user's name and role; null when nobody is signed in. A session without a role claim
    /// counts as viewer.</summary>
    public static (string Name, Role Role)? Actor(ClaimsPrincipal principal) =>
        principal.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? (name, RoleNames.Parse(principal.FindFirst(ClaimTypes.Role)?.Value) ?? Role.Viewer)
            : null;
}
