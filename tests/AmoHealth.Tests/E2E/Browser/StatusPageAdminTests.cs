using AmoHealth.Tests.E2E.AppHost;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AmoHealth.Tests.E2E.Browser;

/// <summary>Publishing a status page from the dashboard in headless Chromium against the whole app in demo mode (no
/// sign-in: "anonymous" with the admin role): publish, see its link in the list, on a phone too, and take it down.
/// </summary>
[Trait("Ring", "EndToEnd")]
[Collection(AppHostCollection.Name)]
public sealed class StatusPageAdminTests(AppHostFixture app, BrowserFixture browser)
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task AnAdminPublishesThePageOfAnAccountAndTheListLinksToIt()
    {
        using var gateway = app.CreateGatewayClient();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.BaseAddress!.ToString(),
            Locale = "ru-RU",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/");
        var panel = page.GetByTestId("status-pages");
        // The account list comes from the statuses: wait for the first result.
        await page.Locator("[data-check='GET'][data-tone]").First.WaitForAsync(new() { Timeout = Timeout });

        await panel.Locator("[data-action='status-page-add']").ClickAsync();
        var dialog = page.GetByTestId("status-page-dialog");
        await dialog.GetByTestId("status-page-account").SelectOptionAsync("demo");
        await Assertions.Expect(dialog.GetByTestId("status-page-slug")).ToHaveValueAsync("demo");
        // Demo mode publishes /status/demo from its configuration: this one is the dashboard's own.
        await dialog.GetByTestId("status-page-slug").FillAsync("demo-team");
        await dialog.GetByTestId("status-page-title").FillAsync("Demo team");
        await dialog.Locator("[data-action='status-page-submit']").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0, new() { Timeout = Timeout });

        var item = panel.Locator("[data-status-page='demo-team']");
        await Assertions.Expect(item).ToContainTextAsync("Demo team", new() { Timeout = Timeout });
        await Assertions.Expect(item.GetByTestId("status-page-link")).ToHaveAttributeAsync("href", "/status/demo-team");

        await page.SetViewportSizeAsync(390, 844);
        await item.ScrollIntoViewIfNeededAsync();
        Assert.False(await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the page is wider than the phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory,
            "status-pages-phone.png"), FullPage = true });

        await item.Locator("[data-action='status-page-remove']").ClickAsync();
        await page.GetByTestId("status-page-confirm").Locator("[data-action='status-page-unpublish']").ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0, new() { Timeout = Timeout });
        Assert.Empty(errors);
    }
}
