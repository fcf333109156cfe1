using Microsoft.Playwright;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven by Playwright, started once. Never downloads a browser: when
/// <c>/usr/bin/chromium</c> is missing the tests fail and say how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> in the repository (or <c>AMOHEALTH_SCREENSHOTS</c>).
    /// </summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("AMOHEALTH_SCREENSHOTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run installs it).");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AmoHealth.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AmoHealth.slnx) is not above the test assembly.");
    }
}
