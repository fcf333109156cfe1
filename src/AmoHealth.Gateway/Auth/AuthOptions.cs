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

    /// <summary><c>None</c> (default; refused in Production unless <see cref="AllowAnonymous"/>), <c>Login</c> or <c>Proxy</c>.</summary>
    public AuthMode Mode { get; set; } = AuthMode.None;

    /// <summary>
    /// Allows <see cref="Mode"/> <c>None</c> in Production, on purpose (a Gateway reachable only from a trusted
    /// network). Default false: a production Gateway fails closed instead of serving everyone.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    public string? User { get; set; }

    /// <summary>From <c>AmoHealth.Gateway hash-password</c>: <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>The header carrying the user in proxy mode.</summary>
    public string ProxyHeader { get; set; } = "X-Forwarded-User";

    /// <summary>
    /// Proxy mode: the value of <see cref="ProxySecretHeader"/> that only the proxy on this host adds (install.sh
    /// generates it into the env file and the Nginx site). Required with Proxy: the Gateway listens on loopback,
    /// so "from loopback" alone would trust every request Nginx forwards.
    /// </summary>
    public string? ProxySecret { get; set; }

    /// <summary>The header carrying <see cref="ProxySecret"/>.</summary>
    public const string ProxySecretHeader = "X-AmoHealth-Proxy-Secret";

    [Range(1, 365)]
    public int SessionDays { get; set; } = 7;

    /// <summary>Login attempts allowed per client address per minute.</summary>
    [Range(1, 100)]
    public int AttemptsPerMinute { get; set; } = 5;

    /// <summary>Login attempts allowed per minute from all clients together. Default 30.</summary>
    [Range(1, 10_000)]
    public int GlobalAttemptsPerMinute { get; set; } = 30;

    /// <summary>Where the cookie-signing keys live, so a restart does not log everyone out.</summary>
    public string? KeysDirectory { get; set; }

    /// <summary>
    /// A PEM file with a certificate and its RSA private key that encrypts the cookie keys at rest. Required in
    /// Production with Login (install.sh generates it, readable only by the Gateway).
    /// </summary>
    public string? KeysCertificate { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == AuthMode.Login && string.IsNullOrWhiteSpace(User))
        {
            yield return new ValidationResult("Auth:User is required when Auth:Mode is Login.", [nameof(User)]);
        }

        if (Mode == AuthMode.Login && !Passwords.IsWellFormed(PasswordHash))
        {
            yield return new ValidationResult(
                "Auth:PasswordHash must be a hash from 'AmoHealth.Gateway hash-password' when Auth:Mode is Login (never a plain password).",
                [nameof(PasswordHash)]);
        }

        if (Mode == AuthMode.Proxy && (ProxySecret is null || ProxySecret.Length < 24))
        {
            yield return new ValidationResult(
                $"Auth:ProxySecret (at least 24 characters, sent by Nginx as {ProxySecretHeader}) is required when Auth:Mode is Proxy.",
                [nameof(ProxySecret)]);
        }

        if (Mode == AuthMode.Proxy && string.IsNullOrWhiteSpace(ProxyHeader))
        {
            yield return new ValidationResult("Auth:ProxyHeader is required when Auth:Mode is Proxy.", [nameof(ProxyHeader)]);
        }
    }
}
