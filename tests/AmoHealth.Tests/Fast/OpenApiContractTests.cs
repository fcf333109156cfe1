using System.Text.Json;
using System.Text.Json.Nodes;
using AmoHealth.Api.Extensions;
using AmoHealth.Core.Checks;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Fast;

/// <summary>The dashboard's copy of the OpenAPI document (its types are generated from it) is the one the Api serves.
/// To refresh it: <c>AMOHEALTH_WRITE_OPENAPI=1 dotnet test tests/AmoHealth.Tests --filter OpenApiContractTests</c>,
/// then <c>npm run gen:api</c> in the ClientApp.</summary>
[Trait("Ring", "Fast")]
public sealed class OpenApiContractTests : IDisposable
{
    private const string Regenerate =
        "AMOHEALTH_WRITE_OPENAPI=1 dotnet test tests/AmoHealth.Tests --filter OpenApiContractTests, then "
        + "`npm run gen:api` in src/AmoHealth.Gateway/ClientApp";

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static string Committed => Path.Combine(
        BrowserFixture.RepositoryRoot(), "src", "AmoHealth.Gateway", "ClientApp", "openapi.json");

    [Fact]
    public async Task TheDashboardsCommittedDocumentIsTheOneTheApiServes()
    {
        var live = await LiveDocumentAsync();
        if (Environment.GetEnvironmentVariable("AMOHEALTH_WRITE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(Committed, live);
        }

        var committed = File.Exists(Committed) ? await File.ReadAllTextAsync(Committed) : "(missing)";
        Assert.True(committed == live, $"{Committed} is not the Api's document; regenerate: {Regenerate}");
    }

    [Fact]
    public async Task TheDocumentNamesEveryFailureKindOutcomeAndIncidentKindAsStringEnums()
    {
        var schemas = JsonNode.Parse(await LiveDocumentAsync())!["components"]!["schemas"]!;

        Assert.Equal(FailureKindNames.All, EnumOf(schemas["CheckStatusDto"]!["properties"]!["failureKind"]!));
        var outcomes = Enum.GetValues<Outcome>().Select(OutcomeNames.ToName).ToList();
        Assert.Equal(outcomes, EnumOf(schemas["CheckStatusDto"]!["properties"]!["outcome"]!));
        Assert.Equal(outcomes, EnumOf(schemas["IncidentDto"]!["properties"]!["kind"]!));
        Assert.Equal(outcomes, EnumOf(schemas["IncidentEvent"]!["properties"]!["kind"]!));
        Assert.NotNull(schemas["StatusUpdate"]);
    }

    private static List<string> EnumOf(JsonNode property) =>
        [.. property["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Where(v => v is not null)];

    private async Task<string> LiveDocumentAsync()
    {
        await using var api = new ApiHost(_database.Path, redis: null);
        using var client = api.CreateClient();
        var text = await client.GetStringAsync(ApiDocs.DocumentPath);
        // Indented with LF line ends, so the committed file diffs by line.
        return JsonNode.Parse(text)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
