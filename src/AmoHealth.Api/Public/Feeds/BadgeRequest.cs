namespace AmoHealth.Api.Public.Feeds;

/// <summary>A badge's query: <c>?check=</c> one check (any case; all when absent), <c>?label=</c> the left text
/// (default <c>amoCRM</c>), <c>?lang=</c>.</summary>
public sealed record BadgeRequest(string Kind, string? Check, string? Label, string? Lang)
{
    public const string DefaultLabel = "amoCRM";

    public const int MaxLabel = 40;

    public string LabelText => string.IsNullOrWhiteSpace(Label) ? DefaultLabel : Label.Trim();

    /// <summary>The ETag's format part: the kind, check, language and a hash of the label (a label may hold any
    /// character; an ETag may not).</summary>
    public string Format(string? checkType, string language)
    {
        var hash = 2166136261u;
        foreach (var c in LabelText)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return $"{Kind}-{(checkType ?? "all").ToLowerInvariant()}-{language}-{hash:x8}";
    }
}
