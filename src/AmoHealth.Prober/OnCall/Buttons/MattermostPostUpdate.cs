using System.Text.Json.Serialization;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>The post as it reads after the click: the same text, the button replaced by who took it.</summary>
public sealed record MattermostPostUpdate(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("props")] MattermostPostProps Props);
