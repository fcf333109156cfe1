using System.Text.Json;
using AmoHealth.Api.Extensions;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Fast;

/// <summary>The OpenAPI document is served (its schemas from source-generated JSON only) and describes every route
/// under /api.</summary>
[Trait("Ring", "Fast")]
public sealed class ApiDocumentTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task TheDocumentListsEveryApiRouteTheApiMaps()
    {
        await using var api = new ApiHost(_database.Path, redis: null);
        using var client = api.CreateClient();

        using var response = await client.GetAsync(ApiDocs.DocumentPath);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [], (e, method) =>
                $"{method} {e.RoutePattern.RawText}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("GET /api/status", mapped);
        Assert.Equal(mapped, documented);
    }
}
