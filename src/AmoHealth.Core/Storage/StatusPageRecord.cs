namespace AmoHealth.Core.Storage;

/// <summary>A public status page an admin published from the dashboard (table <c>status_pages</c>); pages in
/// configuration (<c>StatusPages:&lt;slug&gt;</c>) are not stored and win over a row with the same slug.</summary>
public sealed class StatusPageRecord
{
    /// <summary>The page's address: <c>/status/{slug}</c>; lower-case letters, digits and dashes.</summary>
    public required string Slug { get; set; }

    /// <summary>The account it publishes.</summary>
    public required string Account { get; set; }

    /// <summary>The page's heading; null: the account's name.</summary>
    public string? Title { get; set; }

    /// <summary>Incidents shorter than this are left off the page (blips); 0 shows every incident.</summary>
    public int MinIncidentMinutes { get; set; }

    /// <summary>Whether search engines may index the page (<c>noindex</c> when false).</summary>
    public bool Indexing { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Unix milliseconds of the last change.</summary>
    public long UpdatedAt { get; set; }
}
