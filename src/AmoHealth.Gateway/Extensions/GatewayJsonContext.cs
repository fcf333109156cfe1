using System.Text.Json.Serialization;
using AmoHealth.Gateway.Auth;
using Microsoft.AspNetCore.Mvc;

namespace AmoHealth.Gateway.Extensions;

/// <summary>
/// Every type the Gateway writes as JSON itself (the proxied Api writes its own): <c>/auth/me</c> and the 401
/// problem. The native build has no reflection-based serializer; a type missing here fails there at run time.
/// </summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignedInUser))]
[JsonSerializable(typeof(ProblemDetails))]
public sealed partial class GatewayJsonContext : JsonSerializerContext;
