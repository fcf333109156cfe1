namespace AmoHealth.Core.Storage;

/// <summary>Every <c>probe_state</c> key with its value's type. Account "" holds the cluster-wide ones.</summary>
public static class ProbeStateKeys
{
    /// <summary>The test lead's id, so a restart never creates another undeletable lead.</summary>
    public static ProbeStateKey<long> TestLead { get; } = ProbeStateKey.Id("test_lead_id");

    /// <summary>The configured <c>TestLeadId</c> that <see cref="TestLead"/> replaces because amoCRM lost it.</summary>
    public static ProbeStateKey<long> ConfiguredLead { get; } = ProbeStateKey.Id("test_lead_configured");

    /// <summary>When the account's access token expires (the JWT's <c>exp</c>), for the Api and the alerts.</summary>
    public static ProbeStateKey<DateTimeOffset> TokenExpires { get; } = ProbeStateKey.Time("token_expires_at");

    /// <summary>The latest thing AmoHealth repaired or could not use (shown on <c>/api/status</c> for a day).</summary>
    public static ProbeStateKey<StateNotice> Notice { get; } = ProbeStateKey.Notice("notice");

    /// <summary>Where the account's Digital Pipeline action "send webhook" must point.</summary>
    public static ProbeStateKey<DpAction> DpAction { get; } =
        ProbeStateKey.Json("dp_action", ProbeStateJsonContext.Default.DpAction);

    /// <summary>The newest result of an account whose checks stopped, while its "not probing" alert stands.</summary>
    public static ProbeStateKey<DateTimeOffset> NotProbingSince { get; } = ProbeStateKey.Time("not_probing_since");

    /// <summary>Account "": when (the Prober's clock) the cluster lease's holder last looked whether results still
    /// come. While it is fresh a Prober is alive to raise "not probing", so the Api's last-resort alert stays
    /// quiet.</summary>
    public static ProbeStateKey<DateTimeOffset> ProbingWatch { get; } = ProbeStateKey.Time("probing_watch");

    /// <summary>Key prefix (account "") of the alert channels' states.</summary>
    public const string ChannelPrefix = "channel:";

    /// <summary>Test lead <paramref name="index"/> (0 is <see cref="TestLead"/>) of an account that needs
    /// several.</summary>
    public static ProbeStateKey<long> TestLeadAt(int index) =>
        index == 0 ? TestLead : ProbeStateKey.Id($"{TestLead.Name}_{index + 1}");

    /// <summary>Account "": one alert channel's state.</summary>
    public static ProbeStateKey<ChannelState> Channel(string channel) =>
        ProbeStateKey.Json(ChannelPrefix + channel, ProbeStateJsonContext.Default.ChannelState);
}
