namespace AmoHealth.Api.Public;

/// <summary>One page of section <c>StatusPages</c>, keyed by its slug: <c>StatusPages:&lt;slug&gt;:Account</c> and
/// the rest.</summary>
public sealed class StatusPageOptions
{
    public const string Section = "StatusPages";

    public string Account { get; set; } = string.Empty;

    public string? Title { get; set; }

    public int MinIncidentMinutes { get; set; }

    public bool Indexing { get; set; }

    /// <summary><c>ru</c> or <c>en</c>: the page's language when the address names none (<c>?lang=</c>).</summary>
    public string Language { get; set; } = "ru";
}
