using System.Diagnostics;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Footprint;

/// <summary>
/// How the Prober is compiled: precompiled (ReadyToRun) when published for a machine, as deploy/install.sh does
/// with <c>dotnet publish -c Release -r linux-x64</c>; JIT for builds, tests and <c>dotnet run</c>.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class ProberPublishTests
{
    private static readonly string Project =
        Path.Combine(BrowserFixture.RepositoryRoot(), "src", "AmoHealth.Prober", "AmoHealth.Prober.csproj");

    [Fact]
    public async Task AReleasePublishForAMachineIsReadyToRun()
    {
        Assert.Equal("true", await PublishReadyToRunAsync("-p:Configuration=Release", "-p:RuntimeIdentifier=linux-x64"));
    }

    [Fact]
    public async Task ABuildWithoutAMachineOrInDebugStaysJit()
    {
        Assert.Equal(string.Empty, await PublishReadyToRunAsync("-p:Configuration=Release"));
        Assert.Equal(string.Empty, await PublishReadyToRunAsync("-p:Configuration=Debug", "-p:RuntimeIdentifier=linux-x64"));
    }

    /// <summary>The project's PublishReadyToRun as MSBuild evaluates it with the given global properties.</summary>
    private static async Task<string> PublishReadyToRunAsync(params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet", ["msbuild", Project, "-nologo", "-getProperty:PublishReadyToRun", .. properties])
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
