using System.Text.Json.Serialization;
using AmoHealth.Core.Alerting.Channels;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>The post's props: its attachments.</summary>
public sealed record MattermostPostProps(
    [property: JsonPropertyName("attachments")] IReadOnlyList<MattermostAttachment> Attachments);
