using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Telegram Bot API <c>sendMessage</c>, plain text (the alert's Markdown emphasis removed).</summary>
public sealed class TelegramNotifier(IHttpClientFactory httpClients, IOptions<TelegramOptions> options) : INotifier
{
    public string Name => "telegram";

    public string? Problem => (options.Value.BotToken, options.Value.ChatId) switch
    {
        (null or "", _) => "no Notifications:Telegram:BotToken",
        (_, null or "") => "no Notifications:Telegram:ChatId",
        _ => Uri.TryCreate(options.Value.ApiBaseUrl, UriKind.Absolute, out _)
            ? null
            : "Notifications:Telegram:ApiBaseUrl is not a URL",
    };

    public Task<string?> SendAsync(NotificationRecord alert, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var text = alert.Text.Replace("**", string.Empty, StringComparison.Ordinal);
        return NotifierHttp.PostJsonAsync(httpClients, "Telegram",
            $"{o.ApiBaseUrl.TrimEnd('/')}/bot{o.BotToken}/sendMessage",
            new TelegramMessage(o.ChatId!, text, DisableWebPagePreview: true),
                NotifierJsonContext.Default.TelegramMessage, cancellationToken);
    }
}
