using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

/// <summary>The key that encrypts the OAuth pairs in the database: required with OAuth, named when missing or
/// malformed.</summary>
[Trait("Ring", "Fast")]
public sealed class OAuthKeyOptionsTests
{
    private static readonly (string, string)[] OAuth =
    [
        ("AMOCRM_DOMAIN", "acme.amocrm.ru"),
        ("Monitor:OAuth:ClientId", "client"),
        ("Monitor:OAuth:ClientSecret", "secret"),
        ("Monitor:OAuth:RedirectUri", "https://monitor.example/oauth"),
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void OAuthWithoutAValidEncryptionKeyFailsAtStartNamingTheKey(string? key)
    {
        var settings = key is null ? OAuth : [.. OAuth, ("Monitor:OAuth:EncryptionKey", key)];

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains("Monitor:OAuth:EncryptionKey", error.Message);
        Assert.DoesNotContain("c2hvcnQ=", error.Message);
    }

    [Fact]
    public void AMalformedPreviousKeyFailsAtStartNamingIt()
    {
        var key = Convert.ToBase64String(new byte[32]);

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(
            [.. OAuth, ("Monitor:OAuth:EncryptionKey", key), ("Monitor:OAuth:PreviousEncryptionKey", "c2hvcnQ=")]));

        Assert.Contains("Monitor:OAuth:PreviousEncryptionKey", error.Message);
    }

    [Fact]
    public void AnAccountOfItsOwnWithOAuthNeedsTheKeyToo()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(
            ("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"),
            ("Monitor:Accounts:0:Name", "other"), ("Monitor:Accounts:0:Domain", "other.amocrm.ru"),
            ("Monitor:Accounts:0:OAuth:ClientId", "client")));

        Assert.Contains("Monitor:OAuth:EncryptionKey", error.Message);
    }

    [Fact]
    public void A32ByteKeyIsAcceptedAndALongLivedTokenNeedsNoKey()
    {
        var key = Convert.ToBase64String(new byte[32]);

        var withKey = Resolve([.. OAuth, ("Monitor:OAuth:EncryptionKey", key)]);
        var withoutOAuth = Resolve(("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"));

        Assert.Equal(key, withKey.OAuth.EncryptionKey);
        Assert.Null(withoutOAuth.OAuth.EncryptionKey);
    }

    private static MonitorOptions Resolve(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddMonitorOptions();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MonitorOptions>>().Value;
    }
}
