using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AmoHealth.Api;
using AmoHealth.Api.Public;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Integration.Public;

/// <summary>The feed routes in the Api on a migrated SQLite file, serving hand-built snapshots: each format with its
/// own ETag and 304, the shared caching headers, 404 for an unknown page or check, 400 for a bad query, links under
/// <c>PUBLIC_URL</c>, and nothing of the configuration in any body.</summary>
[Trait("Ring", "Integration")]
public sealed class StatusFeedEndpointsTests : IAsyncLifetime
{
    private const string Secret = "feeds-token-9c1f";
    private const string Host = "acme-secret-host.amocrm.ru";

    private static readonly (string Path, string MediaType)[] Routes =
    [
        ("api/v2/summary.json", "application/json"),
        ("api/v2/status.json", "application/json"),
        ("api/v2/components.json", "application/json"),
        ("api/v2/incidents.json", "application/json"),
        ("api/v2/incidents/unresolved.json", "application/json"),
        ("api/v2/scheduled-maintenances.json", "application/json"),
        ("api/v2/scheduled-maintenances/upcoming.json", "application/json"),
        ("api/v2/scheduled-maintenances/active.json", "application/json"),
        ("history.rss", "application/rss+xml"),
        ("history.atom", "application/atom+xml"),
        ("badge.svg", "image/svg+xml"),
        ("uptime.svg", "image/svg+xml"),
    ];

    private readonly TempDatabase _database = new();
    private readonly FeedSnapshots _snapshots = new();

    public async Task InitializeAsync() => await _database.MigrateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryRouteAnswersItsFormatWithTheSharedCachingAndNothingOfTheConfiguration()
    {
        _snapshots["acme"] = FeedSnapshots.Sample();
        var (api, client) = Start(new() { ["AMOCRM_ACCESS_TOKEN"] = Secret, ["AMOCRM_DOMAIN"] = Host });
        await using var _ = api;

        foreach (var (path, mediaType) in Routes)
        {
            using var response = await client.GetAsync($"/status/acme/{path}");
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal((path, HttpStatusCode.OK), (path, response.StatusCode));
            Assert.Equal((path, mediaType), (path, response.Content.Headers.ContentType?.MediaType));
            Assert.Equal(PublicCaching.CacheControl, response.Headers.CacheControl?.ToString());
            Assert.Equal("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")));
            Assert.Equal("*", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.True(response.Headers.Contains(PublicCaching.SnapshotHeader), path);
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Host, body, StringComparison.OrdinalIgnoreCase);
            if (mediaType == "application/json")
            {
                using var json = JsonDocument.Parse(body);
            }
            else
            {
                Assert.NotNull(XDocument.Parse(body).Root);
            }
        }
    }

    [Fact]
    public async Task EachFormatHasItsOwnETagAndA304UntilTheSnapshotChanges()
    {
        _snapshots["acme"] = FeedSnapshots.Sample();
        var (api, client) = Start(new());
        await using var _ = api;
        var paths = Routes.Select(r => r.Path)
            .Concat(["history.rss?lang=ru", "badge.svg?check=get", "badge.svg?label=CRM", "uptime.svg?lang=ru"])
            .ToList();

        var tags = new List<string>();
        foreach (var path in paths)
        {
            using var first = await client.GetAsync($"/status/acme/{path}");
            var tag = first.Headers.ETag!.Tag;
            using var again = await Conditional(client, path, tag);
            Assert.Equal((path, HttpStatusCode.NotModified), (path, again.StatusCode));
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
            tags.Add(tag);
        }

        _snapshots["acme"] = FeedSnapshots.Sample(version: "v2");
        using var changed = await Conditional(client, "api/v2/summary.json", tags[0]);

        Assert.Equal(paths.Count, tags.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("\"v2-summary\"", changed.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task UnknownPagesAndChecksAreNotFoundAndBadQueriesAreProblems()
    {
        _snapshots["acme"] = FeedSnapshots.Sample();
        var (api, client) = Start(new());
        await using var _ = api;

        using var noPage = await client.GetAsync("/status/nobody/api/v2/summary.json");
        using var noCheck = await client.GetAsync("/status/acme/badge.svg?check=FTP");
        using var badLanguage = await client.GetAsync("/status/acme/history.atom?lang=de");
        using var longLabel = await client.GetAsync($"/status/acme/uptime.svg?label={new string('x', 41)}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (noPage.StatusCode, noCheck.StatusCode));
        Assert.Equal("lang", (await badLanguage.JsonAsync()).GetProperty("parameter").GetString());
        Assert.Equal("label", (await longLabel.JsonAsync()).GetProperty("parameter").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"),
            (longLabel.StatusCode, longLabel.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task BadgesShowOneCheckUnderTheirLabelInThePagesLanguage()
    {
        _snapshots["acme"] = FeedSnapshots.Sample(language: "ru");
        var (api, client) = Start(new());
        await using var _ = api;

        Assert.Equal(["Acme", "не работает"], await TextsAsync(client, "badge.svg?check=web&label=Acme"));
        Assert.Equal(["amoCRM", "не работает"], await TextsAsync(client, "badge.svg"));
        Assert.Equal(["amoCRM", "99.95%"], await TextsAsync(client, "uptime.svg?check=GET"));
        Assert.Equal(["amoCRM", "not measured"], await TextsAsync(client, "uptime.svg?check=hook&lang=en"));
    }

    [Fact]
    public async Task LinksAreAbsoluteUnderPublicUrlAndTheRoutesStayOutOfTheApiDocument()
    {
        _snapshots["acme"] = FeedSnapshots.Sample();
        var (api, client) = Start(new() { ["PUBLIC_URL"] = "https://monitor.example" });
        await using var _ = api;

        var summary = await (await client.GetAsync("/status/acme/api/v2/summary.json")).JsonAsync();
        var rss = XDocument.Parse(await client.GetStringAsync("/status/acme/history.rss"));
        var document = await client.GetStringAsync("/api/openapi/v1.json");

        Assert.Equal("https://monitor.example/status/acme", summary.GetProperty("page").GetProperty("url").GetString());
        Assert.Equal("https://monitor.example/status/acme#incident-7", rss.Descendants("link").ElementAt(1).Value);
        Assert.DoesNotContain("/status/{slug}", document, StringComparison.Ordinal);
    }

    private static async Task<List<string>> TextsAsync(HttpClient client, string path) =>
        XDocument.Parse(await client.GetStringAsync($"/status/acme/{path}"))
            .Descendants(XName.Get("text", "http://www.w3.org/2000/svg")).Select(t => t.Value).ToList();

    private static Task<HttpResponseMessage> Conditional(HttpClient client, string path, string tag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/status/acme/{path}");
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        return client.SendAsync(request);
    }

    private (WebApplicationFactory<ApiMarker> Api, HttpClient Client) Start(Dictionary<string, string> settings)
    {
        var api = new ApiHost(_database.Path, redis: null, settings: settings).WithWebHostBuilder(b =>
            b.ConfigureTestServices(services => services.AddSingleton<IPublicSnapshots>(_snapshots)));
        return (api, api.CreateClient());
    }
}
