namespace AmoHealth.Core.Storage;

/// <summary>
/// What the Prober must remember across restarts per account (table <c>probe_state</c>): the test lead's
/// id, so a restart never creates another undeletable lead.
/// </summary>
public sealed class ProbeStateRecord
{
    public const string TestLeadKey = "test_lead_id";

    public required string Account { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
