using AmoHealth.ServiceDefaults.Access;

namespace AmoHealth.Gateway.Auth;

/// <summary>A user the configuration names: from <c>Auth:Users</c>, or the single <c>Auth:User</c> (an admin).
/// <see cref="PasswordHash"/> is null for a proxy-mode entry that only pins a role.</summary>
public sealed record KnownUser(string Name, string? PasswordHash, Role Role);
