using AmoHealth.AppHost;
using AmoHealth.Gateway.Auth;
using AmoHealth.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AmoHealth.Tests.E2E.AppHost;

/// <summary>Who may open what the AppHost starts: anyone on the demo, only the operator on a real account.</summary>
[Trait("Ring", "EndToEnd")]
public sealed class AppHostAccessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "amohealth-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task ARealAccountGetsAGatewaySignInFromAPasswordFileAndADashboardThatAsksForItsToken()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AmoHealth_AppHost>(
            ["Redis:Mode=executable", "AMOCRM_DOMAIN=acme.amocrm.ru", "AMOCRM_ACCESS_TOKEN=t",
                $"Storage:Path={_data}/health_checks.db"]);

        var environment = await GatewayEnvironmentAsync(builder);
        var file = Path.Combine(_data, GatewaySignIn.FileName);
        var password = File.ReadAllLines(file)
            .Single(line => line.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..];
        var hash = builder.Resources.OfType<ParameterResource>().Single(p => p.Name == "gateway-password-hash");

        Assert.Equal("Login", environment["Auth__Mode"]);
        Assert.Equal("admin", environment["Auth__User"]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.True(hash.Secret);
        Assert.True(Passwords.Verify(password, await hash.GetValueAsync(CancellationToken.None)));
        Assert.Equal("false", builder.Configuration[LocalAccess.DashboardAnonymousKey]);
    }

    [Fact]
    public async Task TheDemoStaysOpenOnLoopbackWithNoPasswordFile()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AmoHealth_AppHost>(
            ["Redis:Mode=executable", $"Storage:Path={_data}/demo.db"]);

        var environment = await GatewayEnvironmentAsync(builder);

        Assert.False(environment.ContainsKey("Auth__Mode"));
        Assert.False(File.Exists(Path.Combine(_data, GatewaySignIn.FileName)));
        Assert.Equal("true", builder.Configuration[LocalAccess.DashboardAnonymousKey]);
    }

    private static async Task<Dictionary<string,
        string>> GatewayEnvironmentAsync(IDistributedApplicationTestingBuilder builder)
    {
        var gateway = (IResourceWithEnvironment)builder.Resources.Single(r => r.Name == ResourceNames.Gateway);
        // Publish: every value as written, without allocating endpoints or starting anything.
#pragma warning disable CS0618 // its replacement needs a running app's execution context
        return await gateway.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
    }
}
