using AmoHealth.Gateway.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

/// <summary>Bad sign-in settings stop the Gateway at start naming their key: the ranges on <see cref="AuthOptions"/>
/// and its own rules, checked by the generated validator (the native build has no reflection-based one).</summary>
[Trait("Ring", "Fast")]
public sealed class AuthOptionsValidationTests : IDisposable
{
    private const string AnyHash =
        "pbkdf2-sha256$310000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "amohealth-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Theory]
    [InlineData("Mode=Login", "Auth:User")]
    [InlineData("Mode=Login;User=admin;PasswordHash=plain-text", "Auth:PasswordHash")]
    [InlineData("Mode=Proxy;ProxySecret=short", "Auth:ProxySecret")]
    [InlineData("Mode=Proxy;ProxySecret=0123456789abcdef0123456789;ProxyHeader= ", "Auth:ProxyHeader")]
    [InlineData("KnownProxies:0=nginx", "Auth:KnownProxies")]
    [InlineData("KnownNetworks:0=ten", "Auth:KnownNetworks")]
    [InlineData("SessionDays=0", "SessionDays")]
    [InlineData("AttemptsPerMinute=101", "AttemptsPerMinute")]
    public void ABadSettingStopsTheStartNamingItsKey(string settings, string key)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void ALoginWithAUserAndAHashIsAccepted() =>
        Assert.Equal(AuthMode.Login, Resolve($"Mode=Login;User=admin;PasswordHash={AnyHash}").Mode);

    private AuthOptions Resolve(string settings)
    {
        var builder = Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Split(';')
            .Select(pair => pair.Split('=', 2))
            .Select(pair => new KeyValuePair<string, string?>($"Auth:{pair[0]}", pair[1]))
            .Append(new("Auth:KeysDirectory", _keys)));
        builder.AddGatewayAuth();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<AuthOptions>>().Value;
    }
}
