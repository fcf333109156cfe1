using System.Diagnostics;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Footprint;

/// <summary>
/// How the services are compiled: the Prober, the Api and the Gateway are NativeAOT when published
/// (deploy/publish.sh: <c>dotnet publish -c Release -r linux-x64</c>); the Migrator, which runs EF Core's
/// migrations, stays JIT. Builds, tests and <c>dotnet run</c> are JIT either way.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class NativePublishTests
{
    [Theory]
    [InlineData("AmoHealth.Prober")]
    [InlineData("AmoHealth.Api")]
    [InlineData("AmoHealth.Gateway")]
    public async Task TheServicesPublishNative(string project)
    {
        Assert.Equal("true",
            await PropertyAsync(project, "PublishAot", "-p:Configuration=Release", "-p:RuntimeIdentifier=linux-x64"));
    }

    [Fact]
    public async Task TheMigratorStaysJitForEfCore()
    {
        Assert.Equal(string.Empty,
            await PropertyAsync("AmoHealth.Migrator", "PublishAot", "-p:Configuration=Release",
            "-p:RuntimeIdentifier=linux-x64"));
    }

    /// <summary>A project's property as MSBuild evaluates it with the given global properties.</summary>
    private static async Task<string> PropertyAsync(string project, string property, params string[] properties)
    {
        var path = Path.Combine(BrowserFixture.RepositoryRoot(), "src", project, project + ".csproj");
        var start = new ProcessStartInfo("dotnet",
            ["msbuild", path, "-nologo", "-getProperty:" + property, .. properties])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await output + await error);
        return (await output).Trim();
    }
}
