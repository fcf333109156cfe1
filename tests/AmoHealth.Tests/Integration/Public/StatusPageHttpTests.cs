using System.Net;
using AmoHealth.Api.Public;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Public;

/// <summary><c>GET /status/{slug}</c> over HTTP: the page in Russian and English, no script or inline style, the
/// ETag and its 304, and a bare 404 for an address where nothing is published.</summary>
[Trait("Ring", "Integration")]
public sealed class StatusPageHttpTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public async Task InitializeAsync() => await StatusPageSeed.SeedAsync(await _database.MigrateAsync());

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ThePageReadsInRussianByDefaultAndInEnglishOnRequest()
    {
        await using var api = StatusPageApi.Start(_database, new FakeTimeProvider(StatusPageSeed.Now),
            StatusPageSeed.Page());
        using var client = api.CreateClient();

        var ru = await client.GetStringAsync("/status/acme");
        var en = await client.GetStringAsync("/status/acme?lang=en");
        var wrong = await client.GetStringAsync("/status/acme?lang=de");

        Assert.Contains("<html lang=\"ru\">", ru);
        Assert.Contains("<h1>Acme CRM</h1>", ru);
        Assert.Contains("<p class=\"banner s-down\">Есть сбой</p>", ru);
        Assert.Contains("API: чтение (GET)</span> <span class=\"state s-operational\">Работает</span>", ru);
        Assert.Contains("<span class=\"state s-unknown\">Не измеряется</span>", ru);
        Assert.Contains(Encode(PublicLabels.Ru.Definition), ru);
        Assert.Contains($"title=\"{Encode("2026-12-06 · Доступность 0\u00a0% · сбой 1\u00a0мин")}\"", ru);
        Assert.Contains("Обновлено 15:00 (Europe/Moscow)", ru);
        Assert.Contains("<time>2026-12-06 14:56</time> " + Encode(StatusPageSeed.PublicNote), ru);
        Assert.Contains("href=\"/status/acme?lang=en\"", ru);
        Assert.Contains("href=\"/status/acme/api/v2/summary.json\"", ru);
        Assert.Contains("href=\"/status/acme/history.rss\"", ru);
        Assert.Contains("href=\"/status/acme/history.atom\"", ru);
        Assert.Contains("href=\"/status/acme/badge.svg\"", ru);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", ru);
        Assert.Equal(90 * 5, ru.Split("<li class=\"d-").Length - 1);

        Assert.Contains("<html lang=\"en\">", en);
        Assert.Contains("<p class=\"banner s-down\">Outage</p>", en);
        Assert.Contains("Web interface</span> <span class=\"state s-down\">Down</span>", en);
        Assert.Contains(Encode(PublicLabels.En.Definition), en);
        Assert.Contains("href=\"/status/acme?lang=ru\"", en);
        Assert.Equal(ru, wrong);
        foreach (var page in new[] { ru, en })
        {
            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", page, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task TheEtagOfAPageAnswersNotModified()
    {
        await using var api = StatusPageApi.Start(_database, new FakeTimeProvider(StatusPageSeed.Now),
            StatusPageSeed.Page());
        using var client = api.CreateClient();

        using var first = await client.GetAsync("/status/acme");
        using var english = await client.GetAsync("/status/acme?lang=en");
        var tag = first.Headers.ETag!.Tag;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status/acme");
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        using var again = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", first.Content.Headers.ContentType?.CharSet);
        Assert.EndsWith("-html-ru\"", tag);
        Assert.NotEqual(tag, english.Headers.ETag!.Tag);
        Assert.Equal(PublicCaching.CacheControl, first.Headers.CacheControl!.ToString());
        Assert.Equal("noindex", first.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal(StatusPageSeed.Now, DateTimeOffset.Parse(first.Headers.GetValues(PublicCaching.SnapshotHeader)
            .Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnIndexedPageSaysNothingAboutRobots()
    {
        var settings = StatusPageSeed.Page();
        settings["StatusPages:acme:Indexing"] = "true";
        settings["StatusPages:acme:Language"] = "en";
        await using var api = StatusPageApi.Start(_database, new FakeTimeProvider(StatusPageSeed.Now), settings);
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/status/acme");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"en\">", html);
        Assert.DoesNotContain("noindex", html);
        Assert.False(response.Headers.Contains("X-Robots-Tag"));
    }

    [Fact]
    public async Task AnAddressWithoutAPageIsAPlainNotFound()
    {
        await using var api = StatusPageApi.Start(_database, new FakeTimeProvider(StatusPageSeed.Now),
            StatusPageSeed.Page());
        using var client = api.CreateClient();

        using var page = await client.GetAsync("/status/nobody");
        using var sheet = await client.GetAsync("/status/nobody/status.css");
        using var invalid = await client.GetAsync("/status/Not_A_Slug");

        foreach (var response in new[] { page, sheet, invalid })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(StatusPageHtml.NotFound, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task TheStylesheetIsServedBesideThePageWithItsVersion()
    {
        await using var api = StatusPageApi.Start(_database, new FakeTimeProvider(StatusPageSeed.Now),
            StatusPageSeed.Page());
        using var client = api.CreateClient();

        var html = await client.GetStringAsync("/status/acme");
        using var sheet = await client.GetAsync($"/status/acme/status.css?v={StatusPageStyles.Version}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status/acme/status.css");
        request.Headers.TryAddWithoutValidation("If-None-Match", sheet.Headers.ETag!.Tag);
        using var again = await client.SendAsync(request);

        Assert.Contains($"<link rel=\"stylesheet\" href=\"/status/acme/status.css?v={StatusPageStyles.Version}\">",
            html);
        Assert.Equal("text/css", sheet.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".bars li{flex:1 1 0", await sheet.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    private static string Encode(string text) =>
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text);
}
