using System.Text.Json.Serialization;

namespace AmoHealth.Core.Live;

/// <summary>One lead of a <see cref="RelayedDelivery"/>: ids and stage ids, and HOOK's own marker (never a
/// name).</summary>
/// <param name="Event"><c>update</c> or <c>status</c>.</param>
public sealed record RelayedLead(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("marker")] string? Marker,
    [property: JsonPropertyName("statusId")] long? StatusId,
    [property: JsonPropertyName("oldStatusId")] long? OldStatusId);
