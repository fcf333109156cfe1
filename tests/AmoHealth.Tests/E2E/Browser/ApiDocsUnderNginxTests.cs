using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AmoHealth.Tests.E2E.Browser;

/// <summary>
/// The API docs (Swagger UI at <c>/api/docs</c>) as a signed-in user opens them in production: Chromium, the
/// shipped Nginx site with its Content-Security-Policy, the Gateway in Login mode, the Api behind it.
/// </summary>
[Trait("Ring", "EndToEnd")]
public sealed class ApiDocsUnderNginxTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Password = "api-docs under nginx";
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "amohealth-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Fact]
    public async Task SwaggerUiRendersUnderTheProductionCspWithoutAViolation()
    {
        using var database = new TempDatabase();
        await database.MigrateAsync();
        await using var api = new ApiHost(database.Path, redis: null);
        var apiUri = api.Listen();
        await using var gateway = new GatewayHost(new()
        {
            ["environment"] = "Production",
            ["Auth:Mode"] = "Login",
            ["Auth:User"] = "admin",
            ["Auth:PasswordHash"] = Passwords.Hash(Password),
            ["Auth:KeysDirectory"] = _keys,
            ["Auth:KeysCertificate"] = TestCertificates.WriteCombined(
                Path.Combine(database.Directory, "gateway-keys.pem")),
            ["Gateway:SecurityHeaders"] = "false",
            ["services:api:http:0"] = apiUri.ToString().TrimEnd('/'),
        });
        using var nginx = new NginxSite(gateway.BaseUri);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = nginx.BaseUri.ToString(),
            IgnoreHTTPSErrors = true,
            Locale = "en-US",
        });
        await using var _ = context;
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);

        await page.GotoAsync("/login?returnUrl=%2Fapi%2Fdocs%2F");
        await page.Locator("input[name=user]").FillAsync("admin");
        await page.Locator("input[name=password]").FillAsync(Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/api/docs/"));
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + " +
                "e.violatedDirective + ' at ' + e.sourceFile + ':' + e.lineNumber))");
        var document = await page.ReloadAsync();

        // The document came through Nginx with the production policy, and the UI built itself from the spec.
        Assert.Contains("script-src 'self'", document!.Headers["content-security-policy"]);
        Assert.DoesNotContain("unsafe", document.Headers["content-security-policy"]);
        await Assertions.Expect(page.Locator(".swagger-ui .info .title"))
            .ToContainTextAsync("AmoHealth API", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".opblock-summary-path[data-path='/api/status']").First)
            .ToBeVisibleAsync();
        await page.Locator(".opblock-summary-path[data-path='/api/status']").First.ClickAsync();
        await Assertions.Expect(page.Locator(".opblock-body").First).ToBeVisibleAsync();

        // "Try it out" calls the API from the page, through Nginx and the Gateway, with the session cookie.
        await page.GetByRole(AriaRole.Button, new() { Name = "Try it out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        await Assertions.Expect(page.Locator(".live-responses-table tbody .response-col_status").First)
            .ToHaveTextAsync("200");
        Assert.DoesNotContain("127.0.0.1", await page.Locator(".request-url").First.InnerTextAsync());
        await page.ScreenshotAsync(
            new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "api-docs-nginx.png"), FullPage = true });

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
