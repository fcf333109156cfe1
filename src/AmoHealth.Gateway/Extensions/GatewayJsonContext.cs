using System.Text.Json.Serialization;
using AmoHealth.Gateway.Auth;

namespace AmoHealth.Gateway.Extensions;

/// <summary>Every type the Gateway writes as JSON itself (the proxied Api writes its own).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignedInUser))]
public sealed partial class GatewayJsonContext : JsonSerializerContext;
