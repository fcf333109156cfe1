using System.Text.Json.Serialization;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Notifications;

/// <summary>Source-generated JSON for an alert channel's state as stored in <c>probe_state</c> (default options,
/// PascalCase names, as the Api reads it for <c>/api/info</c>).</summary>
[JsonSerializable(typeof(ChannelState))]
public sealed partial class ChannelStateJsonContext : JsonSerializerContext;
