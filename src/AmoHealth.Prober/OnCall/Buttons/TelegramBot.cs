using AmoHealth.Core.Alerting.Channels;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>The Bot API calls that close a button press: <c>answerCallbackQuery</c> and <c>editMessageText</c>, to
/// <c>Notifications:Telegram:ApiBaseUrl</c> with the channel's bot. A failure is logged without the URL (it holds the
/// token); the acknowledgement stands.</summary>
public sealed partial class TelegramBot(
    IHttpClientFactory httpClients, IOptions<TelegramOptions> options, ILogger<TelegramBot> logger)
{
    public Task AnswerAsync(string queryId, string text, CancellationToken cancellationToken) =>
        CallAsync("answerCallbackQuery", new TelegramAnswer(queryId, text), ButtonJsonContext.Default.TelegramAnswer,
            cancellationToken);

    public Task EditAsync(long chatId, long messageId, string text, CancellationToken cancellationToken) =>
        CallAsync("editMessageText", new TelegramEdit(chatId, messageId, text, DisableWebPagePreview: true),
            ButtonJsonContext.Default.TelegramEdit, cancellationToken);

    private async Task CallAsync<T>(string method, T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.BotToken))
        {
            return;
        }

        var failure = await NotifierHttp.PostJsonAsync(httpClients, "Telegram",
            $"{o.ApiBaseUrl.TrimEnd('/')}/bot{o.BotToken}/{method}", body, type, cancellationToken);
        if (failure is not null)
        {
            LogFailed(logger, method, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram {Method} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string method, string reason);
}
