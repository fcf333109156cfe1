namespace AmoHealth.Core.Storage;

/// <summary>One row of <c>probe_state</c>: what the Prober must remember across restarts per account. The keys and
/// their value types are <see cref="ProbeStateKeys"/>; read and write values through them.</summary>
public sealed class ProbeStateRecord
{
    // Forwarding names for callers not yet on ProbeStateKeys (the Prober's probes and alerting).
    public static string TestLeadKey => ProbeStateKeys.TestLead.Name;

    public static string TokenExpiresKey => ProbeStateKeys.TokenExpires.Name;

    public static string ConfiguredLeadKey => ProbeStateKeys.ConfiguredLead.Name;

    public static string NoticeKey => ProbeStateKeys.Notice.Name;

    public const string ChannelKeyPrefix = ProbeStateKeys.ChannelPrefix;

    public static string DpActionKey => ProbeStateKeys.DpAction.Name;

    public static string NotProbingKey => ProbeStateKeys.NotProbingSince.Name;

    public static string WatchHeartbeatKey => ProbeStateKeys.ProbingWatch.Name;

    public static string FormatNotice(long at, string text) =>
        ProbeStateKeys.Notice.Format(new StateNotice(DateTimeOffset.FromUnixTimeMilliseconds(at), text));

    public static (long At, string Text) ParseNotice(string value) =>
        ProbeStateKeys.Notice.TryParse(value, out var notice)
            ? (notice.At.ToUnixTimeMilliseconds(), notice.Text)
            : (0, value);

    public required string Account { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }

    /// <summary>The value under <paramref name="key"/> when this row is that key's and it parses.</summary>
    public bool TryRead<T>(ProbeStateKey<T> key, out T value)
        where T : notnull
    {
        if (Key == key.Name && key.TryParse(Value, out var parsed))
        {
            value = parsed;
            return true;
        }

        value = default!;
        return false;
    }
}
