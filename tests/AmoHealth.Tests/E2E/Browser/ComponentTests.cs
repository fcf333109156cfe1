using System.Diagnostics;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.E2E.Browser;

/// <summary>The dashboard's own component tests (vitest + jsdom), run as part of <c>dotnet test</c>.</summary>
[Trait("Ring", "EndToEnd")]
public sealed class ComponentTests
{
    [Fact]
    public async Task TheDashboardsVitestSuitePasses()
    {
        var clientApp = Path.Combine(BrowserFixture.RepositoryRoot(), "src", "AmoHealth.Gateway", "ClientApp");
        Assert.True(Directory.Exists(Path.Combine(clientApp, "node_modules")),
            "ClientApp/node_modules is missing: the Gateway's build runs npm ci; build the solution first.");
        var start = new ProcessStartInfo("npx", "vitest run --reporter=verbose")
        {
            WorkingDirectory = clientApp,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CI"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, text);
        Assert.Matches(@"Tests\s+\d+ passed", text);
    }
}
