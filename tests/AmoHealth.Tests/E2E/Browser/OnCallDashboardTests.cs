using AmoHealth.ServiceDefaults;
using AmoHealth.Tests.E2E.AppHost;
using AmoHealth.Tests.Infrastructure;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace AmoHealth.Tests.E2E.Browser;

/// <summary>
/// On call from the dashboard in headless Chromium against the whole app in demo mode (no sign-in: the user is
/// "anonymous" with the admin role): take an incident, write a note, silence a check, what a viewer sees, the phone.
/// </summary>
[Trait("Ring", "EndToEnd")]
[Collection(AppHostCollection.Name)]
public sealed class OnCallDashboardTests(AppHostFixture app, BrowserFixture browser)
{
    private const float Timeout = 60_000;
    private const float IncidentTimeout = 90_000;

    [Fact]
    public async Task AnIncidentIsTakenFromThePageByKeyboardAndItsTimelineTakesANote()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        using var simulator = app.App.CreateHttpClient(ResourceNames.Simulator);
        try
        {
            using (var fault = await simulator.PostJsonAsync("/__sim/faults",
                """{"endpoint":"account","status":503}"""))
            {
                fault.EnsureSuccessStatusCode();
            }

            var row = page.Locator("tr[data-open='true']",
                new() { Has = page.Locator("th", new() { HasText = "GET" }) });
            await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = IncidentTimeout });
            await row.Locator("[data-action='ack']").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(row.GetByTestId("taken"))
                .ToContainTextAsync("в работе: anonymous, с ", new() { Timeout = Timeout });
            await Assertions.Expect(Card(page, "GET").GetByTestId("card-taken"))
                .ToHaveTextAsync("в работе: anonymous", new() { Timeout = Timeout });

            await row.Locator("[data-open-timeline]").ClickAsync();
            var timeline = page.GetByTestId("timeline");
            await Assertions.Expect(timeline.Locator("li[data-kind='opened']")).ToHaveCountAsync(1);
            await Assertions.Expect(timeline.Locator("li[data-kind='acknowledged']")).ToContainTextAsync("anonymous");
            await timeline.GetByTestId("note-text").FillAsync("Restarted the integration, watching");
            await timeline.Locator("[data-action='note']").ClickAsync();
            await Assertions.Expect(timeline.Locator("li[data-kind='note']"))
                .ToContainTextAsync("Restarted the integration, watching", new() { Timeout = Timeout });
            await page.ScreenshotAsync(new() { Path = Shot("oncall-timeline.png"), FullPage = true });

            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(timeline).ToHaveCountAsync(0);
        }
        finally
        {
            await simulator.DeleteAsync("/__sim/faults");
        }

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task ACheckIsSilencedFromItsCardWithAReasonAndEndedEarly()
    {
        await using var session = await OpenAsync();
        var page = session.Page;

        await Card(page, "WEB").Locator("[data-action='silence']").ClickAsync();
        var dialog = page.GetByTestId("silence-dialog");
        await dialog.GetByTestId("duration-30").CheckAsync();
        await dialog.Locator("[data-action='silence-submit']").ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("Укажите причину (до 500 символов)");
        await dialog.GetByTestId("silence-reason").FillAsync("amoCRM announced works");
        await dialog.Locator("[data-action='silence-submit']").ClickAsync();

        var silence = Card(page, "WEB").Locator("[data-silence]");
        await Assertions.Expect(silence)
            .ToContainTextAsync("заглушено до", new() { Timeout = Timeout });
        await Assertions.Expect(silence).ToContainTextAsync("amoCRM announced works");
        await Assertions.Expect(Card(page, "GET").Locator("[data-silence]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Shot("oncall-silenced.png"), FullPage = true });

        await Card(page, "WEB").Locator("[data-action='end-silence']").ClickAsync();
        await Assertions.Expect(silence).ToHaveCountAsync(0, new() { Timeout = Timeout });
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task AViewerSeesWhatIsGoingOnButNoActionButtons()
    {
        // The Gateway's roles are tested at the Gateway and the Api (403 problem); here: what the page offers.
        await using var session = await OpenAsync(prepare: page => page.RouteAsync("**/auth/me", route =>
            route.FulfillAsync(new()
            {
                Status = 200,
                ContentType = "application/json",
                Body = """{"mode":"proxy","user":"vera","role":"viewer","clientAddress":"127.0.0.1"}""",
            })));
        var page = session.Page;

        await Assertions.Expect(page.GetByTestId("who"))
            .ToHaveTextAsync("vera (наблюдатель)", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("section.maintenance")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-action]")).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task OnAPhoneTheSummaryBreaksNoWordAndTheSilenceDialogFits()
    {
        await using var session = await OpenAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        var page = session.Page;
        await Assertions.Expect(page.Locator("[data-stats='GET'] td").First)
            .ToContainTextAsync("%", new() { Timeout = Timeout });

        // A cell whose text lies on more than one line is a broken word ("GE T", "48 4 ms").
        var broken = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.stats-table th, .stats-table td')].filter((cell) => {
              const range = document.createRange();
              range.selectNodeContents(cell);
              return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
            }).map((cell) => cell.textContent)
            """);
        Assert.Empty(broken);
        Assert.False(await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the page is wider than the phone");
        await page.ScreenshotAsync(new() { Path = Shot("oncall-phone.png"), FullPage = true });

        await Card(page, "GET").Locator("[data-action='silence']").ClickAsync();
        var box = await page.GetByRole(AriaRole.Dialog).BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.X, 0, 390);
        Assert.InRange(box.X + box.Width, 0, 390);
        await page.ScreenshotAsync(new() { Path = Shot("oncall-phone-silence.png") });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }

    private static ILocator Card(IPage page, string check) => page.Locator($"[data-check='{check}']");

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);

    private async Task<Session> OpenAsync(ViewportSize? viewport = null, Func<IPage, Task>? prepare = null)
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
        if (prepare is not null)
        {
            await prepare(page);
        }

        await page.GotoAsync("/");
        await page.Locator("[data-check='GET'][data-tone='ok'], [data-check='GET'][data-tone='bad'], " +
                "[data-check='GET'][data-tone='warn']")
            .WaitForAsync(new() { Timeout = Timeout });
        return session;
    }

    private sealed class Session(IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public IPage Page => page;

        public List<string> Errors { get; } = [];

        public async ValueTask DisposeAsync() => await context.CloseAsync();
    }
}
