using AmoHealth.Api.Public;

namespace AmoHealth.Api.Publishing;

/// <summary>A public status page of <c>GET /api/status-pages</c>: at <c>url</c> (<c>/status/{slug}</c>, no sign-in),
/// publishing <c>account</c> under <c>title</c> (null: the account's name), leaving off incidents shorter than
/// <c>minIncidentMinutes</c>, <c>indexing</c> by search engines or not, in <c>language</c> (ru or en) unless the
/// address asks for the other. <c>source</c> <c>config</c> (<c>StatusPages:&lt;slug&gt;</c>; changed there, not from
/// the dashboard) or <c>page</c> (published by an admin; editable).</summary>
public sealed record StatusPageDto(
    string Slug,
    string Account,
    string? Title,
    int MinIncidentMinutes,
    bool Indexing,
    string Language,
    string Source,
    string Url)
{
    public static StatusPageDto Of(StatusPageDefinition page) => new(
        page.Slug, page.Account, page.Title, page.MinIncidentMinutes, page.Indexing, page.Language, page.Source,
        $"/status/{page.Slug}");
}
