namespace AmoHealth.Api.Publishing;

/// <summary>The body of <c>PUT /api/status-pages/{slug}</c>: the <c>account</c> to publish (one AmoHealth knows); a
/// <c>title</c> (up to 80 characters; null or blank: the account's name), <c>minIncidentMinutes</c> 0..1440 (incidents
/// shorter than that are left off the page; default 0) and <c>indexing</c> (search engines may index it; default
/// false). The page is replaced as a whole: what is left out takes its default.</summary>
public sealed record StatusPageRequest(string? Account, string? Title, int? MinIncidentMinutes, bool? Indexing)
{
    public const int MaxTitle = 80;

    public const int MaxMinIncidentMinutes = 1_440;
}
