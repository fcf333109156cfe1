using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>What a Mattermost button carries back on a click: the incidents (ids joined by commas), until when the
/// button is valid (Unix seconds) and the signature over both.</summary>
public sealed record AckContext(
    [property: JsonPropertyName("incidents")] string Incidents,
    [property: JsonPropertyName("exp")]
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long Exp,
    [property: JsonPropertyName("sig")] string Sig);
