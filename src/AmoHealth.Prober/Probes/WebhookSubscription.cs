using System.Text.Json.Serialization;

namespace AmoHealth.Prober.Probes;

/// <summary>The body of amoCRM's <c>POST /api/v4/webhooks</c>: where to deliver, and which events.</summary>
public sealed record WebhookSubscription(
    [property: JsonPropertyName("destination")] string Destination,
    [property: JsonPropertyName("settings")] IReadOnlyList<string> Settings);
