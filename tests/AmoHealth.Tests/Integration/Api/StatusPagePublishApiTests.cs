using System.Net;
using System.Text;
using System.Text.Json;
using AmoHealth.Api.Public;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Integration.Api;

/// <summary><c>/api/status-pages</c> on a real Api whose Prober is a real one on 127.0.0.1, both on one SQLite file:
/// what the Api refuses itself, what the Prober applies, and the page as the public side then finds it.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class StatusPagePublishApiTests : IAsyncLifetime
{
    private const string Account = "acme";
    private readonly TempDatabase _database = new();
    private SimulatorHost _simulator = null!;
    private ProberHost _prober = null!;
    private ApiHost _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _simulator = SimulatorHost.With();
        _prober = ProberHost.For(_simulator, _database, new()
        {
            ["Monitor:Account"] = Account,
            ["urls"] = "http://127.0.0.1:0",
        });
        _prober.UseKestrel();
        _prober.StartServer();
        var prober = _prober.Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _api = new ApiHost(_database.Path, redis: null, settings: new()
        {
            ["services:prober:http:0"] = prober.TrimEnd('/'),
            ["Monitor:Account"] = Account,
            ["StatusPages:official:Account"] = Account,
            ["StatusPages:official:Language"] = "en",
        });
        _client = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _prober.DisposeAsync();
        await _simulator.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AnAdminPublishesAPageThatThePublicSideFindsAndASecondPutChangesIt()
    {
        using var created = await SendAsync(HttpMethod.Put, "/api/status-pages/acme-status",
            """{"account":"acme","title":" Acme CRM ","minIncidentMinutes":3}""", "admin");
        var directory = _api.Services.GetRequiredService<StatusPageDirectory>();
        var published = await directory.FindAsync("acme-status", CancellationToken.None);
        using var changed = await SendAsync(HttpMethod.Put, "/api/status-pages/acme-status",
            """{"account":"acme","indexing":true}""", "admin");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/status-pages/acme-status", created.Headers.Location?.ToString());
        var page = await created.JsonAsync();
        Assert.Equal(("acme-status", "acme", "Acme CRM", 3, false, "page", "/status/acme-status"),
            (page.GetProperty("slug").GetString(), page.GetProperty("account").GetString(),
                page.GetProperty("title").GetString(), page.GetProperty("minIncidentMinutes").GetInt32(),
                page.GetProperty("indexing").GetBoolean(), page.GetProperty("source").GetString(),
                page.GetProperty("url").GetString()));
        Assert.Equal(("acme", "Acme CRM", StatusPageDefinition.FromPage),
            (published?.Account, published?.Title, published?.Source));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var now = await directory.FindAsync("acme-status", CancellationToken.None);
        Assert.Equal(((string?)null, 0, true), (now?.Title, now?.MinIncidentMinutes, now?.Indexing));
        var list = await ListAsync("viewer");
        Assert.Equal(["official", "acme-status"], list.Select(p => p.GetProperty("slug").GetString()));
        Assert.Equal(("config", "en", "/status/official"), (list[0].GetProperty("source").GetString(),
            list[0].GetProperty("language").GetString(), list[0].GetProperty("url").GetString()));
    }

    [Fact]
    public async Task OnlyAnAdminMayPublishOrTakeDownAndAViewerStillSeesTheList()
    {
        using var viewer = await SendAsync(HttpMethod.Put, "/api/status-pages/acme-status",
            """{"account":"acme"}""", "viewer");
        using var operatorPut = await SendAsync(HttpMethod.Put, "/api/status-pages/acme-status",
            """{"account":"acme"}""", "operator");
        using var operatorDelete = await SendAsync(HttpMethod.Delete, "/api/status-pages/acme-status", "", "operator");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (viewer.StatusCode, operatorPut.StatusCode, operatorDelete.StatusCode));
        Assert.Equal("admin", (await viewer.JsonAsync()).GetProperty("role").GetString());
        Assert.Equal(["official"], (await ListAsync(null)).Select(p => p.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task TakingAPageDownIs204ThenNothingIsThereAnymore()
    {
        using var created = await SendAsync(HttpMethod.Put, "/api/status-pages/acme-status",
            """{"account":"acme"}""", "admin");

        using var removed = await SendAsync(HttpMethod.Delete, "/api/status-pages/acme-status", "", "admin");
        using var again = await SendAsync(HttpMethod.Delete, "/api/status-pages/acme-status", "", "admin");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.NotFound),
            (created.StatusCode, removed.StatusCode, again.StatusCode));
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Null(await _api.Services.GetRequiredService<StatusPageDirectory>()
            .FindAsync("acme-status", CancellationToken.None));
    }

    [Fact]
    public async Task APageOfTheConfigurationIsAConflictToPublishOrTakeDown()
    {
        using var put = await SendAsync(HttpMethod.Put, "/api/status-pages/official", """{"account":"acme"}""",
            "admin");
        using var delete = await SendAsync(HttpMethod.Delete, "/api/status-pages/official", "", "admin");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (put.StatusCode, delete.StatusCode));
        Assert.Contains("StatusPages:official", (await put.JsonAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("Acme_Status", """{"account":"acme"}""", "slug")]
    [InlineData("acme", """{"account":"nobody"}""", "account")]
    [InlineData("acme", """{"title":"no account"}""", "account")]
    [InlineData("acme", """{"account":"acme","title":"LONG"}""", "title")]
    [InlineData("acme", """{"account":"acme","minIncidentMinutes":-1}""", "minIncidentMinutes")]
    [InlineData("acme", """{"account":"acme","minIncidentMinutes":1441}""", "minIncidentMinutes")]
    [InlineData("acme", """{"account":"acme","indexing":"yes"}""", "indexing")]
    public async Task BadInputIsA400NamingTheFieldAndPublishesNothing(string slug, string body, string field)
    {
        // LONG: a title of 81 characters, one over the limit.
        using var response = await SendAsync(HttpMethod.Put, $"/api/status-pages/{slug}",
            body.Replace("LONG", new string('t', 81), StringComparison.Ordinal), "admin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (await response.JsonAsync()).GetProperty("field").GetString());
        Assert.Equal(["official"], (await ListAsync("admin")).Select(p => p.GetProperty("slug").GetString()));
    }

    private async Task<List<JsonElement>> ListAsync(string? role)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/status-pages", "", role);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).EnumerateArray()];
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, string? role)
    {
        var request = new HttpRequestMessage(method, path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Add("X-AmoHealth-User", "anna");
        request.Headers.Add("X-AmoHealth-Source", "dashboard");
        if (role is not null)
        {
            request.Headers.Add("X-AmoHealth-Role", role);
        }

        return _client.SendAsync(request);
    }
}
