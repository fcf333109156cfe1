using System.Text.Json.Serialization;

namespace AmoHealth.Core.OnCall;

/// <summary>Source-generated serialization of the Api → Prober command call.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OnCallCommand))]
[JsonSerializable(typeof(OnCallReply))]
public sealed partial class OnCallJsonContext : JsonSerializerContext;
