using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary><c>sendMessage</c> as <see cref="TelegramMessage"/> with an inline keyboard of one button.</summary>
public sealed record TelegramButtonMessage(
    [property: JsonPropertyName("chat_id")] string ChatId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("disable_web_page_preview")] bool DisableWebPagePreview,
    [property: JsonPropertyName("reply_markup")] TelegramKeyboard ReplyMarkup);
