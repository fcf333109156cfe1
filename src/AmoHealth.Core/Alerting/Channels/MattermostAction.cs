using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>A Mattermost message button: its id, its label and where a click is posted with which context.</summary>
public sealed record MattermostAction(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("integration")] MattermostIntegration Integration);
