namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Section <c>Notifications:Mattermost</c>; <c>MATTERMOST_WEBHOOK_URL</c> wins.</summary>
public sealed class MattermostOptions
{
    /// <summary>The incoming webhook URL. A secret: never logged.</summary>
    public string? Url { get; set; }
}
