using System.Text.Json;
using Microsoft.Playwright;

namespace AmoHealth.Bench;

/// <summary>
/// Time to first data in headless Chromium (Debian's, never downloaded): a fresh browser context per run
/// (cold cache), from navigation start to the moment the first card shows a status, read from the page's
/// own clock (<c>performance.now()</c>).
/// </summary>
public static class FirstDataBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var gateway = args.Text("gateway");
        var runs = args.Int("runs", 10);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var times = new List<double>();
        long transferred = 0;
        for (var i = 0; i < runs; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
            var page = await context.NewPageAsync();
            long bytes = 0;
            page.Response += (_, response) => bytes += response.Headers.TryGetValue("content-length", out var length)
                && long.TryParse(length, out var n) ? n : 0;
            await page.GotoAsync(gateway);
            await page.Locator(
                    "[data-check][data-tone='ok'], [data-check][data-tone='warn'], [data-check][data-tone='bad']")
                .First
                .WaitForAsync(new() { Timeout = 30_000 });
            times.Add(await page.EvaluateAsync<double>("() => performance.now()"));
            transferred = bytes;
        }

        times.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "first_data_ms",
            runs,
            median = Math.Round(Stats.Percentile(times, 50)),
            p95 = Math.Round(Stats.Percentile(times, 95)),
            max = Math.Round(times[^1]),
            transferred_bytes = transferred,
        }));
        return 0;
    }
}
