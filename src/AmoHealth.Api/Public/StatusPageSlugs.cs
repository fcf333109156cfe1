using System.Text.RegularExpressions;

namespace AmoHealth.Api.Public;

/// <summary>What a page's address may be: 1..40 lower-case letters, digits and dashes, starting with a letter or
/// digit.</summary>
public static partial class StatusPageSlugs
{
    public static bool IsValid(string? slug) => slug is not null && Pattern().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
