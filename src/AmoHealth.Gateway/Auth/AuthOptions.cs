using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Gateway.Auth;

public enum AuthMode
{
    /// <summary>No access control (demo mode, a trusted network).</summary>
    None,

    /// <summary>A user and password hash from configuration, a cookie session, rate-limited attempts.</summary>
    Login,

    /// <summary>The reverse proxy authenticates and passes the user in a header; trusted from loopback only.</summary>
    Proxy,
}

/// <summary>Who may see the dashboard, the API, the stream and the exports. Section <c>Auth</c>.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary><c>None</c> (default), <c>Login</c> or <c>Proxy</c>. <c>None</c> is refused unless the environment is
    /// Development and the Gateway listens on loopback only: anywhere else it would serve everyone.</summary>
    public AuthMode Mode { get; set; } = AuthMode.None;

    /// <summary>One user, with <see cref="PasswordHash"/>: role admin. More users, each with a role:
    /// <see cref="Users"/>.</summary>
    public string? User { get; set; }

    /// <summary>From <c>AmoHealth.Gateway hash-password</c>: <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Users and their roles (<c>Auth:Users:0:Name</c>, <c>:PasswordHash</c>, <c>:Role</c>). Login: each
    /// signs in with their password. Proxy: an entry pins the role of that user name (no hash needed).</summary>
    public List<AuthUser> Users { get; set; } = [];

    /// <summary>The header carrying the user in proxy mode.</summary>
    public string ProxyHeader { get; set; } = "X-Forwarded-User";

    /// <summary>Proxy mode: a header where the proxy names the user's role (<c>viewer</c>, <c>operator</c>,
    /// <c>admin</c>). Default: none.</summary>
    public string? ProxyRoleHeader { get; set; }

    /// <summary>Proxy mode: a header with the user's groups, separated by commas or semicolons, mapped to roles by
    /// <see cref="GroupRoles"/>. Default: none.</summary>
    public string? ProxyGroupsHeader { get; set; }

    /// <summary>Proxy mode: group name (case-insensitive) → role; the highest role among the user's groups wins.
    /// </summary>
    public Dictionary<string, string> GroupRoles { get; set; } = [];

    /// <summary>Proxy mode: the role of a user that neither <see cref="Users"/>, the role header nor a mapped group
    /// names. Default <c>viewer</c>.</summary>
    public string ProxyDefaultRole { get; set; } = "viewer";

    /// <summary>Proxy mode: the value of <see cref="ProxySecretHeader"/> that only the proxy on this host adds
    /// (install.sh generates it into the env file and the Nginx site). Required with Proxy: the Gateway listens on
    /// loopback, so "from loopback" alone would trust every request Nginx forwards.</summary>
    public string? ProxySecret { get; set; }

    /// <summary>The header carrying <see cref="ProxySecret"/>.</summary>
    public const string ProxySecretHeader = "X-AmoHealth-Proxy-Secret";

    [Range(1, 365)]
    public int SessionDays { get; set; } = 7;

    /// <summary>Login attempts allowed per client address per minute.</summary>
    [Range(1, 100)]
    public int AttemptsPerMinute { get; set; } = 5;

    /// <summary>Proxies besides loopback whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed (IP addresses, e.g.
    /// the Nginx host in front of several Gateways). Default: none, loopback only.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR form (<c>10.0.0.0/24</c>). Default: none.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Where the cookie-signing keys live, so a restart does not sign everyone out. Several Gateways share one
    /// folder (and one <see cref="KeysCertificate"/>): a session from one is valid at every other.</summary>
    public string? KeysDirectory { get; set; }

    /// <summary>A PEM file with a certificate and its RSA private key that encrypts the cookie keys at rest. Required
    /// in Production with Login (install.sh generates it, readable only by the Gateway).</summary>
    public string? KeysCertificate { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in UserRules.Check(this))
        {
            yield return problem;
        }

        if (Mode == AuthMode.Proxy && (ProxySecret is null || ProxySecret.Length < 24))
        {
            yield return new ValidationResult(
                $"Auth:ProxySecret (at least 24 characters, sent by Nginx as {ProxySecretHeader}) is required when " +
                    $"Auth:Mode is Proxy.",
                [nameof(ProxySecret)]);
        }

        foreach (var proxy in KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Auth:KnownProxies must list IP addresses, got '{proxy}'.",
                [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult(
                $"Auth:KnownNetworks must list networks in CIDR form (10.0.0.0/24), got '{network}'.",
                [nameof(KnownNetworks)]);
        }

        if (Mode == AuthMode.Proxy && string.IsNullOrWhiteSpace(ProxyHeader))
        {
            yield return new ValidationResult("Auth:ProxyHeader is required when Auth:Mode is Proxy.",
                [nameof(ProxyHeader)]);
        }
    }
}
