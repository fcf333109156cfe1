namespace AmoHealth.ServiceDefaults.Access;

/// <summary>Who is asking, as the Gateway tells its backends. The Gateway removes a client's own copies first; a
/// backend believes them only from the Gateway (the internal secret, or loopback without one). No role header means
/// <see cref="Role.Viewer"/>.</summary>
public static class ActorHeaders
{
    /// <summary>The signed-in user's name, URL-escaped.</summary>
    public const string User = "X-AmoHealth-User";

    /// <summary>The user's role name (<see cref="RoleNames"/>).</summary>
    public const string Role = "X-AmoHealth-Role";

    /// <summary>The role named by <paramref name="header"/>; viewer when absent or unknown.</summary>
    public static Role RoleOf(string? header) => RoleNames.Parse(header) ?? Access.Role.Viewer;

    /// <summary>The user named by <paramref name="header"/>; null when absent.</summary>
    public static string? UserOf(string? header) =>
        string.IsNullOrEmpty(header) ? null : Uri.UnescapeDataString(header);
}
