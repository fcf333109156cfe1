namespace AmoHealth.Core.Checks;

/// <summary>The five checks, with the seed's names (they are stored and sent as written here).</summary>
public static class CheckType
{
    public const string Get = "GET";
    public const string Post = "POST";
    public const string Web = "WEB";
    public const string Hook = "HOOK";
    public const string Dp = "DP";

    /// <summary>In the order the dashboard shows them.</summary>
    public static IReadOnlyList<string> All { get; } = [Get, Post, Web, Hook, Dp];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value, StringComparer.Ordinal);
}
