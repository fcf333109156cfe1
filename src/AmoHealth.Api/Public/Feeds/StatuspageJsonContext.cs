using System.Text.Json.Serialization;

namespace AmoHealth.Api.Public.Feeds;

/// <summary>Source-generated JSON for the Statuspage-compatible documents: snake_case and nulls written, as
/// Statuspage writes them, so aggregators read ours unchanged. Kept apart from the Api's camelCase context.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatuspageSummary))]
[JsonSerializable(typeof(StatuspageStatusDocument))]
[JsonSerializable(typeof(StatuspageComponentsDocument))]
[JsonSerializable(typeof(StatuspageIncidentsDocument))]
[JsonSerializable(typeof(StatuspageMaintenancesDocument))]
public sealed partial class StatuspageJsonContext : JsonSerializerContext;
