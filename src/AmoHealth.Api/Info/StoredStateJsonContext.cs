using System.Text.Json.Serialization;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Info;

/// <summary>
/// The facts the Prober stores as JSON in <c>probe_state</c> for <c>/api/info</c>, read with the default options
/// the Prober writes them with (PascalCase names).
/// </summary>
[JsonSerializable(typeof(ChannelState))]
[JsonSerializable(typeof(DpAction))]
internal sealed partial class StoredStateJsonContext : JsonSerializerContext;
