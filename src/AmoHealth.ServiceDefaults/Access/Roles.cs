namespace AmoHealth.ServiceDefaults.Access;

/// <summary>What a signed-in person may do. Each role includes the ones before it.</summary>
public enum Role
{
    /// <summary>Reads the dashboard, the API and the exports.</summary>
    Viewer,

    /// <summary>Also acknowledges incidents, writes notes and silences alerts.</summary>
    Operator,

    /// <summary>Also plans maintenance windows and changes settings.</summary>
    Admin,
}

/// <summary>The wire names of <see cref="Role"/> (<c>viewer</c>, <c>operator</c>, <c>admin</c>).</summary>
public static class RoleNames
{
    public static IReadOnlyList<Role> All { get; } = [Role.Viewer, Role.Operator, Role.Admin];

    public static string ToName(this Role role) => role switch
    {
        Role.Operator => "operator",
        Role.Admin => "admin",
        _ => "viewer",
    };

    /// <summary>Null for anything but the three names (case-insensitive).</summary>
    public static Role? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "viewer" => Role.Viewer,
        "operator" => Role.Operator,
        "admin" => Role.Admin,
        _ => null,
    };

    public static bool Allows(this Role role, Role needed) => role >= needed;
}
