using System.Text.Json.Serialization;

namespace AmoHealth.Core.Live;

/// <summary>A webhook delivery as it travels between Probers on <see cref="LiveChannels.Hooks"/>: its match keys only,
/// never a customer's field. Like anything read from Redis it is checked before use.</summary>
/// <param name="Origin">The Prober that received it (it ignores its own).</param>
/// <param name="Kind"><c>account</c> or <c>dp</c>.</param>
/// <param name="ReceivedAt">Arrival at the receiving Prober, Unix milliseconds.</param>
public sealed record RelayedDelivery(
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("leads")] IReadOnlyList<RelayedLead> Leads,
    [property: JsonPropertyName("receivedAt")] long ReceivedAt);
