using System.Text.Json.Serialization;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>The chat of that message.</summary>
public sealed record TelegramChat([property: JsonPropertyName("id")] long Id);
