using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>The body of the Telegram Bot API's <c>sendMessage</c>, plain text without link previews.</summary>
public sealed record TelegramMessage(
    [property: JsonPropertyName("chat_id")] string ChatId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("disable_web_page_preview")] bool DisableWebPagePreview);
