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

    /// <summary>The latest thing AmoHealth repaired or could not use on its own side (shown on <c>/api/status</c> for a day).</summary>
    public const string NoticeKey = "notice";

    /// <summary>Key prefix (account "") of one alert channel's <see cref="ChannelState"/>, as JSON.</summary>
    public const string ChannelKeyPrefix = "channel:";

    /// <summary>An account's <see cref="DpAction"/>, as JSON: where its Digital Pipeline action must send the webhook.</summary>
    public const string DpActionKey = "dp_action";

    /// <summary>The newest result (Unix ms) of an account whose checks stopped, while its "not probing" alert stands.</summary>
    public const string NotProbingKey = "not_probing_since";

    /// <summary>
    /// Account "": when (Unix ms, the Prober's clock) the cluster lease's holder last looked whether results still
    /// come. While it is fresh a Prober is alive to raise "not probing", so the Api's last-resort alert stays quiet.
    /// </summary>
    public const string WatchHeartbeatKey = "probing_watch";

    /// <summary>A notice's stored form: when (Unix ms), a bar, the text.</summary>
    public static string FormatNotice(long at, string text) => $"{at.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{text}";

    /// <summary>Reads <see cref="FormatNotice"/>; a value without a time is taken as old.</summary>
    public static (long At, string Text) ParseNotice(string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && long.TryParse(value.AsSpan(0, bar), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var at)
            ? (at, value[(bar + 1)..])
            : (0, value);
    }

    public required string Account { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
