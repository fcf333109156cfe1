using System.Text.Json.Nodes;
using AmoHealth.Api.Queries;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AmoHealth.Api.Extensions;

/// <summary>The document's string enums and the components the dashboard types itself from. The wire keeps plain
/// strings (seed clients read them), so the names are listed here from the same tables that write them; the dashboard's
/// generated types then switch over closed unions instead of guessing.</summary>
public static class ApiSchemas
{
    private static readonly Dictionary<string, IReadOnlyList<string>> ByProperty = new(StringComparer.Ordinal)
    {
        ["failureKind"] = FailureKindNames.All,
        ["outcome"] = [.. Enum.GetValues<Outcome>().Select(OutcomeNames.ToName)],
        // An incident's kind is the outcome that opened it.
        ["kind"] = [.. Enum.GetValues<Outcome>().Select(OutcomeNames.ToName)],
        ["status"] = [OutcomeNames.Status.Up, OutcomeNames.Status.Down],
        ["state"] = ChannelState.States,
    };

    // Other records' "kind" (a timeline entry's, a maintenance window's) is not an outcome: described in words there.
    private static readonly Type[] IncidentKinds = [typeof(IncidentDto), typeof(IncidentEvent)];

    public static Task AddEnumAsync(
        OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.Name is { } name && ByProperty.TryGetValue(name, out var names)
            && context.JsonPropertyInfo.PropertyType == typeof(string)
            && (name != "kind" || IncidentKinds.Contains(context.JsonPropertyInfo.DeclaringType)))
        {
            schema.Enum = [.. names.Select(n => (JsonNode)JsonValue.Create(n))];
        }

        return Task.CompletedTask;
    }

    /// <summary>Components for what the dashboard reads but no operation names: the SSE messages of <c>/api/stream</c>
    /// (their <c>data</c> is the status item itself) and the JSON answers of the routes that also export CSV.</summary>
    public static async Task AddComponentsAsync(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        Type[] types = [typeof(HistoryPoint), typeof(IncidentDto), typeof(IncidentEvent), typeof(StatusUpdate)];
        foreach (var type in types)
        {
            if (!schemas.ContainsKey(type.Name))
            {
                schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken);
            }
        }

        if (schemas[nameof(StatusUpdate)] is OpenApiSchema update && update.Properties is { } properties)
        {
            properties["data"] = new OpenApiSchemaReference(nameof(CheckStatusDto), document);
        }
    }
}
