namespace AmoHealth.Core.Alerting.Channels;

/// <summary>The "take it" button a down alert carries: where Mattermost posts the click (null when the service has no
/// public address) with its signed context, and the signed data of Telegram's inline button (null when it would not
/// fit Telegram's 64 bytes).</summary>
public sealed record AckButton(string Label, string? IntegrationUrl, AckContext Context, string? CallbackData);
