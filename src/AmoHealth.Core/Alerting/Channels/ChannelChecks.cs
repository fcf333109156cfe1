using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>What the alert channels' settings must satisfy at start. A URL that is set but not http(s) stops the
/// service naming its key (a typo there would silence every alert); a channel left unset is only disabled with a
/// warning. Each channel's URL and token are handed to the host's redaction, masked by value in every log and
/// span.</summary>
public static class ChannelChecks
{
    /// <summary>Adds the start-up checks and secret registration of the built-in channels.</summary>
    public static IServiceCollection AddChannelChecks(
        this IServiceCollection services, Action<string?> registerSecret, Action<string?> registerUrl)
    {
        services.AddOptions<MattermostOptions>()
            .PostConfigure(o => registerUrl(o.Url))
            .Validate(o => IsHttpOrUnset(o.Url),
                "MATTERMOST_WEBHOOK_URL (or Notifications:Mattermost:Url) must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<WebhookOptions>()
            .PostConfigure(o => registerUrl(o.Url))
            .Validate(o => IsHttpOrUnset(o.Url), "Notifications:Webhook:Url must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<TelegramOptions>()
            .PostConfigure(o => registerSecret(o.BotToken))
            .Validate(o => IsHttpOrUnset(o.ApiBaseUrl),
                "Notifications:Telegram:ApiBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        return services;
    }

    private static bool IsHttpOrUnset(string? url) =>
        string.IsNullOrWhiteSpace(url)
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is ("http" or "https"));
}
