namespace AmoHealth.Api.Public;

/// <summary>A published status page, from configuration (<see cref="Source"/> <c>config</c>) or published by an admin
/// from the dashboard (<c>page</c>, table <c>status_pages</c>).</summary>
public sealed record StatusPageDefinition(
    string Slug, string Account, string? Title, int MinIncidentMinutes, bool Indexing, string Language, string Source)
{
    public const string FromConfig = "config";

    public const string FromPage = "page";

    /// <summary>The heading: the title, else the account.</summary>
    public string Heading => string.IsNullOrWhiteSpace(Title) ? Account : Title;
}
