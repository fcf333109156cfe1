using System.Text.Json.Serialization;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary><c>answerCallbackQuery</c>: the line shown to the presser.</summary>
public sealed record TelegramAnswer(
    [property: JsonPropertyName("callback_query_id")] string CallbackQueryId,
    [property: JsonPropertyName("text")] string Text);
