using AmoHealth.ServiceDefaults.Access;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// The users <see cref="AuthOptions"/> names: every <c>Auth:Users</c> entry with a valid role, and
/// <c>Auth:User</c> with <c>Auth:PasswordHash</c> as one more user whose role is admin (the one-user setting of
/// earlier versions keeps working). Names match exactly, as they are typed at sign-in.
/// </summary>
public static class UserDirectory
{
    public static IEnumerable<KnownUser> All(AuthOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.User))
        {
            yield return new KnownUser(options.User, options.PasswordHash, Role.Admin);
        }

        foreach (var user in options.Users)
        {
            if (!string.IsNullOrWhiteSpace(user.Name) && RoleNames.Parse(user.Role) is { } role)
            {
                yield return new KnownUser(user.Name, user.PasswordHash, role);
            }
        }
    }

    public static KnownUser? Find(AuthOptions options, string? name) => string.IsNullOrEmpty(name) ? null
        : All(options).FirstOrDefault(user => string.Equals(user.Name, name, StringComparison.Ordinal));
}
