using System.Diagnostics;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Extensions;
using AmoHealth.ServiceDefaults;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.E2E.AppHost;

/// <summary>What a user meets when the seed's variables are wrong or incomplete: an answer at once, never a
/// hang.</summary>
[Trait("Ring", "EndToEnd")]
public sealed class AppHostConfigurationTests
{
    [Fact]
    public async Task AnImpossibleTimingStopsTheAppHostAtOnceWithTheProbersOwnMessage()
    {
        var (exitCode, error) = await RunAppHostAsync(("CHECK_INTERVAL", "5000"), ("TIMEOUT_THRESHOLD", "6000"),
            ("CHEK_INTERVAL", "3000"));

        Assert.Equal(1, exitCode);
        var probers = Assert.Throws<OptionsValidationException>(() =>
            ProberOptions(("CHECK_INTERVAL", "5000"), ("TIMEOUT_THRESHOLD", "6000")));
        var message = AmoHealth.Core.Configuration.SeedRules.TimeoutProblem(6_000, 5_000)!;
        Assert.Contains(message, probers.Message);
        Assert.Contains($"AmoHealth: {message}", error);
        Assert.Contains("CHEK_INTERVAL is not used; did you mean CHECK_INTERVAL?", error);
    }

    [Fact]
    public async Task AMalformedIntervalStopsTheAppHostNamingTheVariable()
    {
        var (exitCode, error) = await RunAppHostAsync(("CHECK_INTERVAL", "30s"));

        Assert.Equal(1, exitCode);
        Assert.Contains("CHECK_INTERVAL must be a whole number of milliseconds, got '30s'.", error);
    }

    [Fact]
    public async Task AShortIntervalWithoutATimeoutBuildsAndTheProberAcceptsIt()
    {
        // The README's first command with CHECK_INTERVAL=5000 and nothing else: the AppHost goes on and the
        // Prober's timeout follows the interval instead of failing its start.
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AmoHealth_AppHost>(
            ["Redis:Mode=executable", "CHECK_INTERVAL=5000"]);
        await using var app = await builder.BuildAsync();

        var prober = builder.Resources.Single(r => r.Name == ResourceNames.Prober);
        Assert.NotNull(prober);
        Assert.Equal(3_333, ProberOptions(("CHECK_INTERVAL", "5000")).EffectiveTimeoutMs);
    }

    private static MonitorOptions ProberOptions(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("AMOCRM_DOMAIN", "acme.amocrm.ru"), new("AMOCRM_ACCESS_TOKEN", "t"),
                .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddMonitorOptions();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MonitorOptions>>().Value;
    }

    /// <summary>Runs the built AppHost as a user would, with the given environment; returns its exit code and standard
    /// error.</summary>
    private static async Task<(int ExitCode, string Error)> RunAppHostAsync(
        params (string Key, string Value)[] environment)
    {
        var dll = Path.Combine(
            AppContext.BaseDirectory.Replace("AmoHealth.Tests", "AmoHealth.AppHost", StringComparison.Ordinal),
            "AmoHealth.AppHost.dll");
        Assert.True(File.Exists(dll), $"The AppHost is built: {dll}");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardError = true,
            RedirectStandardOutput = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The AppHost did not stop by itself within 60 s.");
        }

        return (process.ExitCode, await error);
    }
}
