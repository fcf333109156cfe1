using AmoHealth.Gateway.Auth;
using AmoHealth.ServiceDefaults.Access;
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
    [InlineData($"Mode=Login;Users:0:Name=anna;Users:0:Role=operator;Users:0:PasswordHash={AnyHash};" +
        $"Users:1:Name=boris;Users:1:Role=boss;Users:1:PasswordHash={AnyHash}",
        "Auth:Users:1:Role must be viewer, operator or admin")]
    [InlineData($"Mode=Login;Users:0:Name=anna;Users:0:Role=operator;Users:0:PasswordHash={AnyHash};" +
        $"Users:1:Name=Anna;Users:1:Role=viewer;Users:1:PasswordHash={AnyHash}", "Auth:Users:1:Name 'Anna'")]
    [InlineData($"Mode=Login;User=anna;PasswordHash={AnyHash};Users:0:Name=anna;Users:0:Role=viewer;" +
        $"Users:0:PasswordHash={AnyHash}", "Auth:Users:0:Name 'anna'")]
    [InlineData("Mode=Login;Users:0:Name=anna;Users:0:Role=viewer;Users:0:PasswordHash=secret",
        "Auth:Users:0:PasswordHash must be a hash from 'AmoHealth.Gateway hash-password'")]
    [InlineData("Mode=Proxy;ProxySecret=0123456789abcdef0123456789;Users:0:Name=anna",
        "Auth:Users:0:Role must be viewer, operator or admin")]
    [InlineData("Mode=Proxy;ProxySecret=0123456789abcdef0123456789;ProxyDefaultRole=root",
        "Auth:ProxyDefaultRole must be viewer, operator or admin")]
    [InlineData("Mode=Proxy;ProxySecret=0123456789abcdef0123456789;ProxyGroupsHeader=G;GroupRoles:ops=chief",
        "Auth:GroupRoles:ops must be viewer, operator or admin")]
    [InlineData("Mode=Proxy;ProxySecret=0123456789abcdef0123456789;GroupRoles:ops=operator",
        "Auth:ProxyGroupsHeader")]
    public void ABadSettingStopsTheStartNamingItsKey(string settings, string key)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void ALoginWithAUserAndAHashIsAccepted() =>
        Assert.Equal(AuthMode.Login, Resolve($"Mode=Login;User=admin;PasswordHash={AnyHash}").Mode);

    [Fact]
    public void SeveralLoginUsersWithRolesAreAccepted()
    {
        var options = Resolve($"Mode=Login;Users:0:Name=anna;Users:0:Role=operator;Users:0:PasswordHash={AnyHash};" +
            $"Users:1:Name=victor;Users:1:Role=Viewer;Users:1:PasswordHash={AnyHash}");

        Assert.Equal(["anna operator", "victor viewer"],
            UserDirectory.All(options).Select(user => $"{user.Name} {user.Role.ToName()}"));
    }

    [Fact]
    public void TheSingleUserSettingIsOneAdmin() => Assert.Equal(Role.Admin,
        Assert.Single(UserDirectory.All(Resolve($"Mode=Login;User=admin;PasswordHash={AnyHash}"))).Role);

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
