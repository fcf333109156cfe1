using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>The alert channels every service that alerts registers the same way (the Prober and the Api's last resort):
/// Mattermost, Telegram and a generic webhook from <c>Notifications:*</c>, one line each.</summary>
public static class AlertChannels
{
    /// <summary>Adds the channels and <see cref="Notifiers"/>; the host adds the HTTP client and seed URL.</summary>
    public static NotificationsBuilder AddAlertChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<Notifiers>();
        return new NotificationsBuilder(services, configuration)
            .AddNotifier<MattermostNotifier, MattermostOptions>(
                "Notifications:Mattermost", (section, o) => section.Bind(o))
            .AddNotifier<TelegramNotifier, TelegramOptions>("Notifications:Telegram", (section, o) => section.Bind(o))
            .AddNotifier<WebhookNotifier, WebhookOptions>("Notifications:Webhook", (section, o) => section.Bind(o));
    }
}
