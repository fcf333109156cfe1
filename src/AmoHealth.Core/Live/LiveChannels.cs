namespace AmoHealth.Core.Live;

/// <summary>Redis pub/sub channels. Pub/sub is at-most-once and carries only live updates; SQLite is the
/// truth.</summary>
public static class LiveChannels
{
    public const string Status = "amohealth:status";

    /// <summary>Webhook deliveries that reached a Prober with no check waiting for them, passed on to the others (one
    /// of which is waiting) when several Probers share the accounts.</summary>
    public const string Hooks = "amohealth:hooks";
}
