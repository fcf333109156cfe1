namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Section <c>Notifications:Webhook</c>. Off unless <see cref="Url"/> is set.</summary>
public sealed class WebhookOptions
{
    /// <summary>Receives each alert as JSON. May carry a secret: never logged.</summary>
    public string? Url { get; set; }
}
