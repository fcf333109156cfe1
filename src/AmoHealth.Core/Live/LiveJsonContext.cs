using System.Text.Json.Serialization;

namespace AmoHealth.Core.Live;

/// <summary>Source-generated serialization for the live messages (the hot path of the stream).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusUpdate))]
[JsonSerializable(typeof(IncidentEvent))]
[JsonSerializable(typeof(LiveEnvelope))]
[JsonSerializable(typeof(RelayedDelivery))]
public sealed partial class LiveJsonContext : JsonSerializerContext;
