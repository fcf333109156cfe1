using System.ComponentModel.DataAnnotations;
using AmoHealth.ServiceDefaults.Access;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// The rules for who may sign in and with which role: <c>Auth:Users</c> (each a name, a role and, for Login, a
/// password hash; no name twice), <c>Auth:User</c>/<c>Auth:PasswordHash</c>, and the proxy's role settings. Each
/// problem names its key, e.g. <c>Auth:Users:1:Role</c>.
/// </summary>
public static class UserRules
{
    private const string RoleChoice = "must be viewer, operator or admin";

    public static IEnumerable<ValidationResult> Check(AuthOptions options)
    {
        var login = options.Mode == AuthMode.Login;
        if (login && string.IsNullOrWhiteSpace(options.User) && options.Users.Count == 0)
        {
            yield return Fail("Auth:User (with Auth:PasswordHash) or Auth:Users is required when Auth:Mode is Login.",
                nameof(AuthOptions.User));
        }

        if (login && !string.IsNullOrWhiteSpace(options.User) && !Passwords.IsWellFormed(options.PasswordHash))
        {
            yield return Fail("Auth:PasswordHash must be a hash from 'AmoHealth.Gateway hash-password' when " +
                "Auth:Mode is Login (never a plain password).", nameof(AuthOptions.PasswordHash));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(options.User))
        {
            seen.Add(options.User);
        }

        for (var i = 0; i < options.Users.Count; i++)
        {
            foreach (var problem in CheckUser(options.Users[i], $"Auth:Users:{i}", login, seen))
            {
                yield return problem;
            }
        }

        foreach (var problem in CheckProxyRoles(options))
        {
            yield return problem;
        }
    }

    private static IEnumerable<ValidationResult> CheckUser(AuthUser user, string key, bool login,
        HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(user.Name))
        {
            yield return Fail($"{key}:Name is required.", nameof(AuthOptions.Users));
        }
        else if (!seen.Add(user.Name))
        {
            // Case-insensitively: "Anna" and "anna" would be two people in the timeline who look like one.
            yield return Fail($"{key}:Name '{user.Name}' is named twice in Auth:User/Auth:Users; each user once.",
                nameof(AuthOptions.Users));
        }

        if (RoleNames.Parse(user.Role) is null)
        {
            yield return Fail($"{key}:Role {RoleChoice}, got '{user.Role}'.", nameof(AuthOptions.Users));
        }

        if (login && !Passwords.IsWellFormed(user.PasswordHash))
        {
            yield return Fail($"{key}:PasswordHash must be a hash from 'AmoHealth.Gateway hash-password' when " +
                "Auth:Mode is Login (never a plain password).", nameof(AuthOptions.Users));
        }
    }

    private static IEnumerable<ValidationResult> CheckProxyRoles(AuthOptions options)
    {
        if (RoleNames.Parse(options.ProxyDefaultRole) is null)
        {
            yield return Fail($"Auth:ProxyDefaultRole {RoleChoice}, got '{options.ProxyDefaultRole}'.",
                nameof(AuthOptions.ProxyDefaultRole));
        }

        foreach (var (group, role) in options.GroupRoles.Where(pair => RoleNames.Parse(pair.Value) is null))
        {
            yield return Fail($"Auth:GroupRoles:{group} {RoleChoice}, got '{role}'.", nameof(AuthOptions.GroupRoles));
        }

        if (options.Mode == AuthMode.Proxy && options.GroupRoles.Count > 0
            && string.IsNullOrWhiteSpace(options.ProxyGroupsHeader))
        {
            yield return Fail("Auth:ProxyGroupsHeader is required when Auth:GroupRoles maps groups to roles.",
                nameof(AuthOptions.ProxyGroupsHeader));
        }
    }

    private static ValidationResult Fail(string message, string member) => new(message, [member]);
}
