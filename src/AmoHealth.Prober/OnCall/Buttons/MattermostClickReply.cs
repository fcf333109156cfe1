using System.Text.Json.Serialization;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>The answer to a click: the post's replacement (none when refused) and a line only the clicker sees.
/// </summary>
public sealed record MattermostClickReply(
    [property: JsonPropertyName("update")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MattermostPostUpdate? Update,
    [property: JsonPropertyName("ephemeral_text")] string EphemeralText);
