using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Telegram's <c>InlineKeyboardButton</c> with callback data (1-64 bytes).</summary>
public sealed record TelegramButton(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("callback_data")] string CallbackData);
