using System.Text.Json.Serialization;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Probes.Tokens;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// Source-generated JSON for what the probes write and keep, with the default options they always used
/// (PascalCase names where a type has no name of its own, the default escaping): the request bodies sent to
/// amoCRM (<see cref="AmoBody"/>), the Digital Pipeline action stored for <c>/api/info</c>, and the OAuth pair
/// of an old token file and of a refresh request.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>[]))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(WebhookSubscription))]
[JsonSerializable(typeof(DpAction))]
[JsonSerializable(typeof(TokenPair))]
public sealed partial class ProbeJsonContext : JsonSerializerContext;
