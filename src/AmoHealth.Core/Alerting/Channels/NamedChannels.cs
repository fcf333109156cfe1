using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>The senders of the named extra channels. <see cref="Notifiers"/> finds them by name; they are not among
/// the channels every alert goes to.</summary>
public sealed class NamedChannels(IHttpClientFactory httpClients, IOptions<NamedChannelSettings> settings)
{
    public IReadOnlyList<INotifier> All { get; } = settings.Value.Channels
        .Select(pair => Create(httpClients, pair.Key, pair.Value))
        .ToList();

    private static INotifier Create(IHttpClientFactory httpClients, string name, NamedChannelOptions o) =>
        o.Type?.ToLowerInvariant() switch
        {
            "telegram" => new TelegramNotifier(httpClients, Options.Create(new TelegramOptions
            {
                BotToken = o.BotToken, ChatId = o.ChatId,
                ApiBaseUrl = string.IsNullOrEmpty(o.Url) ? new TelegramOptions().ApiBaseUrl : o.Url,
            }), name),
            "webhook" => new WebhookNotifier(httpClients, Options.Create(new WebhookOptions { Url = o.Url }), name),
            _ => new MattermostNotifier(httpClients, Options.Create(new MattermostOptions { Url = o.Url }), name),
        };
}
