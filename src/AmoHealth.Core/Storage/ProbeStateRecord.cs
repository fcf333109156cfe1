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

    public required string Account { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
