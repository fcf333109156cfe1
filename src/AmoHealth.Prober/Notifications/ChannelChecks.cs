using AmoHealth.ServiceDefaults.Telemetry;

namespace AmoHealth.Prober.Notifications;

/// <summary>
/// What the alert channels' settings must satisfy at start. A URL that is set but not http(s) stops the Prober
/// naming its key (a typo there would silence every alert); a channel left unset is only disabled with a
/// warning. Each channel's URL and token are masked by value in every log and span.
/// </summary>
public static class ChannelChecks
{
    /// <summary>Adds the start-up checks and secret registration of the Mattermost, webhook and Telegram channels.</summary>
    public static IServiceCollection AddChannelChecks(this IServiceCollection services)
    {
        services.AddOptions<MattermostOptions>()
            .PostConfigure(o => SecretRedaction.RegisterUrl(o.Url))
            .Validate(o => IsHttpOrUnset(o.Url), "MATTERMOST_WEBHOOK_URL (or Notifications:Mattermost:Url) must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<WebhookOptions>()
            .PostConfigure(o => SecretRedaction.RegisterUrl(o.Url))
            .Validate(o => IsHttpOrUnset(o.Url), "Notifications:Webhook:Url must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<TelegramOptions>()
            .PostConfigure(o => SecretRedaction.Register(o.BotToken))
            .Validate(o => IsHttpOrUnset(o.ApiBaseUrl), "Notifications:Telegram:ApiBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        return services;
    }

    private static bool IsHttpOrUnset(string? url) =>
        string.IsNullOrWhiteSpace(url)
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is ("http" or "https"));
}
