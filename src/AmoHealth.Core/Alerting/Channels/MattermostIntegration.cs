using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Where Mattermost posts a button's click, and the context it passes back unchanged.</summary>
public sealed record MattermostIntegration(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("context")] AckContext Context);
