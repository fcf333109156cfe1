using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>A Mattermost message attachment: a line of text and its interactive buttons (none once handled).</summary>
public sealed record MattermostAttachment(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("actions")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MattermostAction>? Actions);
