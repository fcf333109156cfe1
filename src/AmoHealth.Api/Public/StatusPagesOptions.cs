namespace AmoHealth.Api.Public;

/// <summary>Section <c>StatusPages</c>: the configured pages by slug.</summary>
public sealed class StatusPagesOptions
{
    public Dictionary<string, StatusPageOptions> Pages { get; set; } = new(StringComparer.Ordinal);
}
