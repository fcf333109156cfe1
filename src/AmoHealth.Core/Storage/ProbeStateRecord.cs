namespace AmoHealth.Core.Storage;

/// <summary>
/// What the Prober must remember across restarts per account (table <c>probe_state</c>): the test lead's
/// id, so a restart never creates another undeletable lead, and when the token expires, for the Api.
/// </summary>
public sealed class ProbeStateRecord
{
    public const string TestLeadKey = "test_lead_id";

    /// <summary>When the account's access token expires, Unix milliseconds (from the JWT's <c>exp</c>).</summary>
    public const string TokenExpiresKey = "token_expires_at";

    /// <summary>The configured <c>TestLeadId</c> that <see cref="TestLeadKey"/> replaces because it was gone from amoCRM.</summary>
    public const string ConfiguredLeadKey = "test_lead_configured";

    /// <summary>The latest thing AmoHealth repaired or could not use on its own side (shown on <c>/api/status</c>).</summary>
    public const string NoticeKey = "notice";

    public required string Account { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
