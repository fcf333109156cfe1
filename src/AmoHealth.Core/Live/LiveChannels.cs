namespace AmoHealth.Core.Live;

/// <summary>Redis pub/sub channels. Pub/sub is at-most-once and carries only live updates; SQLite is the truth.</summary>
public static class LiveChannels
{
    public const string Status = "amohealth:status";
}
