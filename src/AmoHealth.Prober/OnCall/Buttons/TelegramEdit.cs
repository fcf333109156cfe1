using System.Text.Json.Serialization;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary><c>editMessageText</c> without a keyboard: the button goes, the line saying who took it comes.</summary>
public sealed record TelegramEdit(
    [property: JsonPropertyName("chat_id")] long ChatId,
    [property: JsonPropertyName("message_id")] long MessageId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("disable_web_page_preview")] bool DisableWebPagePreview);
