using AmoHealth.ServiceDefaults.Access;
using Microsoft.Extensions.Primitives;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// The role of a user the reverse proxy signed in, first match wins: the user's own <c>Auth:Users</c> entry
/// (configuration about one person beats what the proxy says about many), the proxy's role header, the highest
/// role among the user's groups mapped by <c>Auth:GroupRoles</c>, and otherwise <c>Auth:ProxyDefaultRole</c>.
/// Only called for a request the proxy itself sent (its secret, from a trusted peer).
/// </summary>
public static class ProxyRoles
{
    private static readonly char[] GroupSeparators = [',', ';'];

    public static Role Resolve(AuthOptions options, string user, IHeaderDictionary headers)
    {
        if (UserDirectory.Find(options, user) is { } known)
        {
            return known.Role;
        }

        if (options.ProxyRoleHeader is { Length: > 0 } roleHeader
            && RoleNames.Parse(headers[roleHeader].ToString()) is { } named)
        {
            return named;
        }

        if (options.ProxyGroupsHeader is { Length: > 0 } groupsHeader
            && HighestMapped(options, headers[groupsHeader]) is { } mapped)
        {
            return mapped;
        }

        return RoleNames.Parse(options.ProxyDefaultRole) ?? Role.Viewer;
    }

    /// <summary>The highest role <c>Auth:GroupRoles</c> gives any of <paramref name="groups"/>; null when none is
    /// mapped.</summary>
    public static Role? HighestMapped(AuthOptions options, StringValues groups)
    {
        Role? highest = null;
        foreach (var group in groups.SelectMany(value => (value ?? string.Empty)
            .Split(GroupSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            foreach (var (name, roleName) in options.GroupRoles)
            {
                if (string.Equals(name, group, StringComparison.OrdinalIgnoreCase)
                    && RoleNames.Parse(roleName) is { } role && (highest is null || role > highest))
                {
                    highest = role;
                }
            }
        }

        return highest;
    }
}
