using System.Text.Json.Serialization;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>The part of a Telegram <c>Update</c> the buttons read: a callback query.</summary>
public sealed record TelegramUpdate(
    [property: JsonPropertyName("update_id")] long UpdateId,
    [property: JsonPropertyName("callback_query")] TelegramCallbackQuery? CallbackQuery);
