using System.Net;
using System.Text.Json;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>The Api's surface: every endpoint documented, and the stored-data ones behind one readiness
/// filter.</summary>
[Trait("Ring", "Integration")]
public sealed class ApiSurfaceTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task EveryOperationHasASummaryAndATag()
    {
        await _database.MigrateAsync();
        await using var api = new ApiHost(_database.Path, redis: null);
        using var client = api.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi/v1.json")).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .ToList();

        Assert.Equal(
            [
                "/api/history", "/api/incidents", "/api/incidents/{id}", "/api/incidents/{id}/ack",
                "/api/incidents/{id}/notes", "/api/info", "/api/maintenance", "/api/maintenance/{id}",
                "/api/reports/monthly", "/api/silences", "/api/silences/{id}", "/api/slo", "/api/slo/alerts",
                "/api/slo/alerts/{id}/ack", "/api/stats", "/api/status", "/api/status-pages",
                "/api/status-pages/{slug}", "/api/stream",
            ],
            operations.Select(o => o.Path).Distinct().Order(StringComparer.Ordinal));
        Assert.All(operations, o =>
        {
            Assert.True(o.Operation.TryGetProperty("summary", out var summary)
                && summary.GetString() is { Length: > 10 }, $"{o.Method} {o.Path} has no summary");
            Assert.True(o.Operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() == 1,
                $"{o.Method} {o.Path} has no tag");
        });
        Assert.False(document.TryGetProperty("servers", out var servers) && servers.GetArrayLength() > 0,
            "the document names the Api's own address");
    }

    [Fact]
    public async Task BeforeTheProberCreatesTheSchemaStoredDataAnswers503AndTheRestStillAnswers()
    {
        await using var api = new ApiHost(_database.Path, redis: null);
        using var client = api.CreateClient();

        foreach (
            var path in new[] { "/api/status", "/api/history?hours=1", "/api/incidents", "/api/stats?hours=24",
            "/api/history?hours=1&format=csv" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("Storage not ready", await response.Content.ReadAsStringAsync());
        }

        using var info = await client.GetAsync("/api/info");
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
    }
}
