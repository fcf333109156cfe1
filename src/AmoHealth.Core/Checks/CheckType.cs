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
    public static IReadOnlyList<string> All => Ordered;

    private static readonly List<string> Ordered = [Get, Post, Web, Hook, Dp];

    /// <summary>Position in <see cref="All"/>; unknown types sort last.</summary>
    public static int OrderOf(string checkType) => Ordered.IndexOf(checkType) is var i and >= 0 ? i : int.MaxValue;

    public static bool IsKnown(string? value) => value is not null && All.Contains(value, StringComparer.Ordinal);
}
