using AmoHealth.ServiceDefaults;
using AmoHealth.Tests.E2E.AppHost;
using AmoHealth.Tests.Infrastructure;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AmoHealth.Tests.E2E.Browser;

/// <summary>The dashboard in headless Chromium against the whole app in demo mode, as a user sees it.</summary>
[Trait("Ring", "EndToEnd")]
[Collection(AppHostCollection.Name)]
public sealed class DashboardTests(AppHostFixture app, BrowserFixture browser)
{
    private static readonly string[] Checks = ["GET", "POST", "WEB", "HOOK", "DP"];
    private const float Timeout = 60_000;

    [Fact]
    public async Task CardsForAllFiveChecksAppearLiveWithoutConsoleErrorsUnderAStrictCsp()
    {
        await using var session = await OpenAsync();
        var page = session.Page;

        foreach (var check in Checks)
        {
            await Assertions.Expect(Card(page, check))
                .ToHaveAttributeAsync("data-tone", new System.Text.RegularExpressions.Regex("ok|warn|bad"),
                new() { Timeout = Timeout });
        }

        Assert.Contains("script-src 'self'", session.Document!.Headers["content-security-policy"]);
        await Assertions.Expect(page.GetByTestId("demo-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("connection"))
            .ToHaveAttributeAsync("data-state", "live", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Assertions.Expect(page.Locator("[data-chart]")).ToHaveCountAsync(5);
        await page.ScreenshotAsync(new() { Path = Shot("dashboard-light.png"), FullPage = true });

        await page.GetByTestId("theme").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.ScreenshotAsync(new() { Path = Shot("dashboard-dark.png"), FullPage = true });

        // Keyboard: the range buttons are reachable and work with Enter.
        await page.Locator("[data-range='1h']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-range='1h']")).ToHaveAttributeAsync("aria-pressed", "true");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task OnAPhoneTheCardsStackAndNothingOverflows()
    {
        await using var session = await OpenAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        var page = session.Page;
        await Assertions.Expect(Card(page, "GET"))
            .ToHaveAttributeAsync("data-tone", new System.Text.RegularExpressions.Regex("ok|warn|bad"),
            new() { Timeout = Timeout });

        var overflow = await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page is wider than a phone screen");
        await page.ScreenshotAsync(new() { Path = Shot("dashboard-phone.png"), FullPage = true });
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task AFaultTurnsTheCardRedLiveAndOpensAnIncidentAndClearingItTurnsItBack()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Assertions.Expect(Card(page, "GET")).ToHaveAttributeAsync("data-tone", "ok", new() { Timeout = Timeout });
        using var simulator = app.App.CreateHttpClient(ResourceNames.Simulator);
        try
        {
            using (var fault = await simulator.PostJsonAsync("/__sim/faults",
                """{"endpoint":"account","status":503}"""))
            {
                fault.EnsureSuccessStatusCode();
            }

            // No reload: the stream brings it.
            await Assertions.Expect(Card(page, "GET"))
                .ToHaveAttributeAsync("data-tone", "bad", new() { Timeout = Timeout });
            await Assertions.Expect(Card(page, "GET")).ToContainTextAsync("503");
            var openRow = page.Locator("tr[data-open='true']",
                new() { Has = page.Locator("th", new() { HasText = "GET" }) });
            await Assertions.Expect(openRow).ToHaveCountAsync(1, new() { Timeout = 90_000 });
            await page.ScreenshotAsync(new() { Path = Shot("dashboard-incident.png"), FullPage = true });
        }
        finally
        {
            await simulator.DeleteAsync("/__sim/faults");
        }

        await Assertions.Expect(Card(page, "GET")).ToHaveAttributeAsync("data-tone", "ok", new() { Timeout = Timeout });
        await Assertions.Expect(
            page.Locator("tr[data-open='true']", new() { Has = page.Locator("th", new() { HasText = "GET" }) }))
            .ToHaveCountAsync(0, new() { Timeout = 90_000 });
        await page.ScreenshotAsync(new() { Path = Shot("dashboard-recovered.png"), FullPage = true });
    }

    [Fact]
    public async Task RangeAndLanguageCanBeSwitchedAndTheLanguageIsRemembered()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Assertions.Expect(Card(page, "GET"))
            .ToHaveAttributeAsync("data-tone", new System.Text.RegularExpressions.Regex("ok|warn|bad"),
            new() { Timeout = Timeout });

        var history = page.WaitForRequestAsync(r => r.Url.Contains("/api/history?from=", StringComparison.Ordinal)
            && Window(r.Url) == 30L * 24 * 3_600_000);
        await page.Locator("[data-range='30d']").ClickAsync();
        await history;
        await Assertions.Expect(page.Locator("[data-range='30d']")).ToHaveAttributeAsync("aria-pressed", "true");

        await page.GetByTestId("lang").SelectOptionAsync("en");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("#charts-title")).ToHaveTextAsync("Response time");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#charts-title"))
            .ToHaveTextAsync("Response time", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-range='30d']")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Empty(session.Errors);
    }

    [Fact(Skip = "Known defect under investigation: in the full suite the AppHost's stop command for the Api times "
        + "out and the Api replica never reports Exited (twice in CI); alone, and by hand, the Api stops in 2 s. "
        + "The page's reconnect logic is covered by the dashboard's component tests.")]
    public async Task WhenTheApiGoesAwayTheDashboardSaysSoAndRecoversByItselfWhenItReturns()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await Assertions.Expect(page.GetByTestId("connection"))
            .ToHaveAttributeAsync("data-state", "live", new() { Timeout = Timeout });
        var commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        try
        {
            var stopped = await commands.ExecuteCommandAsync(ResourceNames.Api, KnownResourceCommands.StopCommand);
            Assert.True(stopped.Success, stopped.Message);

            await Assertions.Expect(page.GetByTestId("connection"))
                .ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = Timeout });
            await page.ScreenshotAsync(new() { Path = Shot("dashboard-reconnecting.png") });
        }
        finally
        {
            var started = await commands.ExecuteCommandAsync(ResourceNames.Api, KnownResourceCommands.StartCommand);
            Assert.True(started.Success, started.Message);
            using var healthy = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await app.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Api, healthy.Token);
        }

        // Back with backoff (at most 30 s between attempts), then live results reach the cards again.
        await Assertions.Expect(page.GetByTestId("connection"))
            .ToHaveAttributeAsync("data-state", "live", new() { Timeout = 90_000 });
        await Assertions.Expect(Card(page, "WEB"))
            .ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Проверено\s*[0-9] с назад"),
            new() { Timeout = Timeout });
    }

    private static ILocator Card(IPage page, string check) => page.Locator($"[data-check='{check}']");

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);

    private static long Window(string url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        return long.Parse(query["to"]!, System.Globalization.CultureInfo.InvariantCulture) - long.Parse(query["from"]!,
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<Session> OpenAsync(ViewportSize? viewport = null)
    {
        using var gateway = app.CreateGatewayClient();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.BaseAddress!.ToString(),
            Locale = "ru-RU",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var session = new Session(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => session.Errors.Add(error);
        session.Document = await page.GotoAsync("/");
        await page.Locator(
            "[data-check='GET'][data-tone='ok'], [data-check='GET'][data-tone='bad'], " +
                "[data-check='GET'][data-tone='warn']")
            .WaitForAsync(new() { Timeout = Timeout });
        return session;
    }

    private sealed class Session(IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public IBrowserContext Context => context;

        public IPage Page => page;

        public IResponse? Document { get; set; }

        public List<string> Errors { get; } = [];

        public async ValueTask DisposeAsync() => await context.CloseAsync();
    }
}
