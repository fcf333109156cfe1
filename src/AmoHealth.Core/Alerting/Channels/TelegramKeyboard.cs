using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Telegram's <c>InlineKeyboardMarkup</c>: rows of buttons.</summary>
public sealed record TelegramKeyboard(
    [property: JsonPropertyName("inline_keyboard")] IReadOnlyList<IReadOnlyList<TelegramButton>> InlineKeyboard);
