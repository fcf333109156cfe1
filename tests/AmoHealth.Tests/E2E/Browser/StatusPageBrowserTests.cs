using AmoHealth.Tests.Infrastructure;
using AmoHealth.Tests.Integration.Public;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace AmoHealth.Tests.E2E.Browser;

/// <summary>The public status page as a phone reads it: Chromium with JavaScript off, 390 px wide, from the Api's own
/// loopback address (no Gateway in front: the page needs nothing from it). Everything is there and styled, in Russian
/// and in English, and nothing is wider than the screen.</summary>
[Trait("Ring", "EndToEnd")]
public sealed class StatusPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public async Task InitializeAsync() => await StatusPageSeed.SeedAsync(await _database.MigrateAsync());

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("ru", "Есть сбой", "Как считается доступность", "Веб-интерфейс", "English")]
    [InlineData("en", "Outage", "How uptime is counted", "Web interface", "Русский")]
    public async Task ThePageReadsOnAPhoneWithoutJavaScript(
        string language, string banner, string definition, string web, string otherLanguage)
    {
        await using var api = StatusPageApi.Start(
                _database, new FakeTimeProvider(StatusPageSeed.Now), StatusPageSeed.Page())
            .WithWebHostBuilder(b => b.UseSetting("urls", "http://127.0.0.1:0"));
        var address = Listen(api);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            BaseURL = address,
        });
        await using var _ = context;
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync($"/status/acme?lang={language}");

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Acme CRM");
        await Assertions.Expect(page.Locator(".banner")).ToHaveTextAsync(banner);
        await Assertions.Expect(page.Locator("article.check")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("article.check").Nth(2).Locator(".name")).ToHaveTextAsync(web);
        await Assertions.Expect(page.Locator(".bars li")).ToHaveCountAsync(5 * 90);
        await Assertions.Expect(page.Locator(".bars li").Last).ToHaveAttributeAsync("title",
            new System.Text.RegularExpressions.Regex("^2026-12-06 · "));
        await Assertions.Expect(page.Locator(".definition h2")).ToHaveTextAsync(definition);
        await Assertions.Expect(page.Locator("a.lang")).ToHaveTextAsync(otherLanguage);
        await Assertions.Expect(page.Locator("article.incident")).ToHaveCountAsync(3);

        // Styled by status.css (no script ran): a red banner and bars that share the row.
        Assert.Equal("rgb(197, 48, 48)",
            await page.Locator(".banner").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        var first = await page.Locator(".bars li").First.BoundingBoxAsync();
        var last = await page.Locator(".bars li").Last.BoundingBoxAsync();
        Assert.True(first!.Width >= 2, $"a bar is {first.Width} px wide");
        Assert.True(last!.X + last.Width <= 390, $"the last bar ends at {last.X + last.Width} px");
        var (scroll, client) = await OverflowAsync(page);
        Assert.True(scroll <= client, $"the page is {scroll} px wide on a {client} px screen");
        Assert.Equal(390, client);
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"status-page-phone-{language}.png"),
            FullPage = true,
        });
    }

    private static async Task<(int Scroll, int Client)> OverflowAsync(IPage page)
    {
        var widths = await page.Locator("html").EvaluateAsync<int[]>(
            "e => [Math.max(e.scrollWidth, document.body.scrollWidth), e.clientWidth]");
        return (widths[0], widths[1]);
    }

    /// <summary>Serves the Api on a loopback port and returns its address.</summary>
    private static string Listen(WebApplicationFactory<AmoHealth.Api.ApiMarker> api)
    {
        api.UseKestrel();
        api.StartServer();
        return api.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
    }
}
