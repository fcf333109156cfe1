using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>An incoming webhook post with the same text as <see cref="MattermostMessage"/> and an attachment holding
/// its buttons.</summary>
public sealed record MattermostButtonMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("attachments")] IReadOnlyList<MattermostAttachment> Attachments);
