using System.Text.Json.Serialization;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>A press of an inline button.</summary>
public sealed record TelegramCallbackQuery(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("from")] TelegramUser? From,
    [property: JsonPropertyName("message")] TelegramCallbackMessage? Message,
    [property: JsonPropertyName("data")] string? Data);
