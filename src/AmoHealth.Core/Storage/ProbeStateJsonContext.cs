using System.Text.Json.Serialization;

namespace AmoHealth.Core.Storage;

/// <summary>The <c>probe_state</c> values stored as JSON, with default options (PascalCase names): rows written by
/// earlier versions read the same.</summary>
[JsonSerializable(typeof(ChannelState))]
[JsonSerializable(typeof(DpAction))]
public sealed partial class ProbeStateJsonContext : JsonSerializerContext;
