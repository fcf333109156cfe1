using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Telegram Bot API <c>sendMessage</c>, plain text (the alert's Markdown emphasis removed).</summary>
public sealed class TelegramNotifier(
    IHttpClientFactory httpClients, IOptions<TelegramOptions> options, string name = "telegram") : IButtonNotifier
{
    /// <summary><c>telegram</c>, or the name of an extra channel (<c>Alerts:Channels:&lt;name&gt;</c>).</summary>
    public string Name => name;

    public string? Problem => (options.Value.BotToken, options.Value.ChatId) switch
    {
        (null or "", _) => "no Notifications:Telegram:BotToken",
        (_, null or "") => "no Notifications:Telegram:ChatId",
        _ => Uri.TryCreate(options.Value.ApiBaseUrl, UriKind.Absolute, out _)
            ? null
            : "Notifications:Telegram:ApiBaseUrl is not a URL",
    };

    public Task<string?> SendAsync(NotificationRecord alert, AckButton? button, CancellationToken cancellationToken)
    {
        if (button?.CallbackData is not { } data)
        {
            return SendAsync(alert, cancellationToken);
        }

        var o = options.Value;
        var keyboard = new TelegramKeyboard([[new TelegramButton(button.Label, data)]]);
        return NotifierHttp.PostJsonAsync(httpClients, "Telegram",
            $"{o.ApiBaseUrl.TrimEnd('/')}/bot{o.BotToken}/sendMessage",
            new TelegramButtonMessage(o.ChatId!, PlainText(alert.Text), DisableWebPagePreview: true, keyboard),
                NotifierJsonContext.Default.TelegramButtonMessage, cancellationToken);
    }

    /// <summary>The alert as Telegram shows it: plain text, the Markdown emphasis removed.</summary>
    public static string PlainText(string text) => text.Replace("**", string.Empty, StringComparison.Ordinal);

    public Task<string?> SendAsync(NotificationRecord alert, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var text = PlainText(alert.Text);
        return NotifierHttp.PostJsonAsync(httpClients, "Telegram",
            $"{o.ApiBaseUrl.TrimEnd('/')}/bot{o.BotToken}/sendMessage",
            new TelegramMessage(o.ChatId!, text, DisableWebPagePreview: true),
                NotifierJsonContext.Default.TelegramMessage, cancellationToken);
    }
}
