namespace AmoHealth.Gateway.Auth;

/// <summary>One entry of <c>Auth:Users</c>: a person and their role. With <c>Auth:Mode=Login</c> the entry needs a
/// <see cref="PasswordHash"/>; with <c>Proxy</c> it only pins the role of a user name the proxy passes.</summary>
public sealed class AuthUser
{
    public string? Name { get; set; }

    /// <summary>From <c>AmoHealth.Gateway hash-password</c>; never a plain password.</summary>
    public string? PasswordHash { get; set; }

    /// <summary><c>viewer</c>, <c>operator</c> or <c>admin</c>.</summary>
    public string? Role { get; set; }
}
