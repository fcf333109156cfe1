using AmoHealth.Tests.E2E.AppHost;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AmoHealth.Tests.E2E.Browser;

/// <summary>The SLO panel in headless Chromium against the whole app in demo mode: each probed check's error budget
/// left (minutes and percent), its uptime by time against the target and its burn rates, on a desktop and a
/// phone.</summary>
[Trait("Ring", "EndToEnd")]
[Collection(AppHostCollection.Name)]
public sealed class SloDashboardTests(AppHostFixture app, BrowserFixture browser)
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task TheDashboardShowsEachChecksBudgetLeftUptimeAgainstTheTargetAndBurnRates()
    {
        await using var context = await NewContextAsync(new ViewportSize { Width = 1280, Height = 900 });
        var page = await OpenAsync(context);

        var get = page.Locator("[data-slo='GET']");
        await Assertions.Expect(get.GetByTestId("slo-budget"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
                @"^Осталось бюджета: −?\d+\.\d мин \(−?\d+\.\d%\) из \d+\.\d мин$"), new() { Timeout = Timeout });
        await Assertions.Expect(get.GetByTestId("slo-uptime")).ToContainTextAsync("цель 99.9%");
        await Assertions.Expect(get.GetByTestId("slo-burn")).ToContainTextAsync("1h ");
        await Assertions.Expect(get.GetByTestId("slo-burn")).ToHaveAttributeAsync("title",
            new System.Text.RegularExpressions.Regex("^5m: .+ · 30m: .+ · 1h: .+ · 6h: .+ · 3d: .+$"));
        await page.ScreenshotAsync(new() { Path = Shot("slo.png"), FullPage = true });
    }

    [Fact]
    public async Task OnAPhoneTheSloPanelFitsTheScreen()
    {
        await using var context = await NewContextAsync(new ViewportSize { Width = 390, Height = 844 });
        var page = await OpenAsync(context);
        await Assertions.Expect(page.Locator("[data-slo='GET']").GetByTestId("slo-budget"))
            .ToContainTextAsync("мин", new() { Timeout = Timeout });

        var box = await page.Locator("[data-slo='GET']").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.X + box.Width, 0, 390);
        Assert.False(await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the page is wider than the phone");
        await page.ScreenshotAsync(new() { Path = Shot("slo-phone.png"), FullPage = true });
    }

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);

    private async Task<IBrowserContext> NewContextAsync(ViewportSize viewport)
    {
        using var gateway = app.CreateGatewayClient();
        return await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.BaseAddress!.ToString(),
            Locale = "ru-RU",
            ViewportSize = viewport,
        });
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-testid='slo']").WaitForAsync(new() { Timeout = Timeout });
        return page;
    }
}
