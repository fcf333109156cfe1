using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

[Trait("Ring", "Fast")]
public sealed class MonitorOptionsTests
{
    [Fact]
    public void AMissingDomainFailsAtStartNamingTheSeedVariable()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(("AMOCRM_ACCESS_TOKEN", "t")));

        Assert.Contains("AMOCRM_DOMAIN", error.Message);
    }

    [Fact]
    public void AMissingTokenFailsAtStartNamingTheSeedVariable()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(("AMOCRM_DOMAIN", "acme.amocrm.ru")));

        Assert.Contains("AMOCRM_ACCESS_TOKEN", error.Message);
    }

    [Fact]
    public void SeedVariablesWinOverAppSettings()
    {
        var options = Resolve(
            ("Monitor:Domain", "old.amocrm.ru"),
            ("Monitor:CheckIntervalMs", "60000"),
            ("AMOCRM_DOMAIN", "acme.amocrm.ru"),
            ("AMOCRM_ACCESS_TOKEN", "secret"),
            ("CHECK_INTERVAL", "15000"),
            ("TIMEOUT_THRESHOLD", "5000"),
            ("MATTERMOST_WEBHOOK_URL", "https://mm.example/hooks/abc"));

        Assert.Equal("acme.amocrm.ru", options.Domain);
        Assert.Equal("secret", options.AccessToken);
        Assert.Equal(15_000, options.CheckIntervalMs);
        Assert.Equal(5_000, options.TimeoutMs);
        Assert.Equal("https://mm.example/hooks/abc", options.MattermostWebhookUrl);
    }

    [Fact]
    public void DefaultsAreTheSeeds()
    {
        var options = Resolve(("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"));

        Assert.Equal(30_000, options.CheckIntervalMs);
        Assert.Null(options.TimeoutMs);
        Assert.Equal(10_000, options.EffectiveTimeoutMs);
        Assert.Equal("/api/v4/account", options.GetPath);
    }

    [Fact]
    public void ANonNumericIntervalNamesTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Resolve(("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"), ("CHECK_INTERVAL", "30s")));

        Assert.Contains("CHECK_INTERVAL", error.Message);
    }

    [Fact]
    public void ATimeoutNotShorterThanTheIntervalIsRejected()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(
            ("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"),
            ("CHECK_INTERVAL", "10000"), ("TIMEOUT_THRESHOLD", "10000")));

        Assert.Contains("TIMEOUT_THRESHOLD", error.Message);
    }

    [Fact]
    public void AnUnsetTimeoutFollowsAShortInterval()
    {
        var options = Resolve(("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"),
            ("CHECK_INTERVAL", "5000"));

        Assert.Equal(3_333, options.EffectiveTimeoutMs);
        Assert.Equal(TimeSpan.FromMilliseconds(3_333), options.Timeout);
    }

    [Fact]
    public void AnIntervalUnderOneSecondIsRejected()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(
            ("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"), ("CHECK_INTERVAL", "10"),
                ("TIMEOUT_THRESHOLD", "5")));

        Assert.Contains(nameof(MonitorOptions.CheckIntervalMs), error.Message);
    }

    [Fact]
    public void TheDeliveryDeadlineFollowsAShortIntervalUnlessSet()
    {
        var shortInterval = Resolve(
            ("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"),
                ("PUBLIC_URL", "https://monitor.example"),
            ("Monitor:HookSecret", "0123456789abcdef0123"), ("CHECK_INTERVAL", "3000"), ("TIMEOUT_THRESHOLD", "2000"));
        var configured = Resolve(
            ("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"),
                ("PUBLIC_URL", "https://monitor.example"),
            ("Monitor:HookSecret", "0123456789abcdef0123"), ("Monitor:DeliveryDeadlineMs", "7000"));

        Assert.Equal(2_000, AccountSettings.Resolve(shortInterval).DeliveryDeadlineMs);
        Assert.Equal(HookMode.E2e, AccountSettings.Resolve(shortInterval).HookMode);
        Assert.Equal(7_000, AccountSettings.Resolve(configured).DeliveryDeadlineMs);
    }

    [Fact]
    public void APreviousHookSecretMustBeAsStrongAsTheSecretAndDifferFromIt()
    {
        (string, string)[] receiver = [("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"),
            ("PUBLIC_URL", "https://monitor.example"), ("Monitor:HookSecret", "0123456789abcdef0123")];
        var weak = Assert.Throws<OptionsValidationException>(() =>
            Resolve([.. receiver, ("Monitor:HookSecretPrevious", "short")]));
        var same = Assert.Throws<OptionsValidationException>(() =>
            Resolve([.. receiver, ("Monitor:HookSecretPrevious", "0123456789abcdef0123")]));
        var rotating = Resolve([.. receiver, ("Monitor:HookSecretPrevious", "previous0123456789abcdef")]);

        Assert.Contains("Monitor:HookSecretPrevious", weak.Message);
        Assert.Contains("Monitor:HookSecretPrevious", same.Message);
        Assert.Equal("https://monitor.example/hooks/amocrm/previous0123456789abcdef?account=acme",
            rotating.PreviousReceiverUrl("acme"));
    }

    [Fact]
    public void EndToEndChecksNeedASecretAndBothDpStages()
    {
        var noSecret = Assert.Throws<OptionsValidationException>(() => Resolve(
            ("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"),
                ("PUBLIC_URL", "https://monitor.example")));
        var oneStage = Assert.Throws<OptionsValidationException>(() => Resolve(
            ("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"),
                ("PUBLIC_URL", "https://monitor.example"),
            ("Monitor:HookSecret", "0123456789abcdef0123"), ("Monitor:DpStageId", "5")));
        var withoutPublicUrl = Resolve(("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"));

        Assert.Contains("Monitor:HookSecret", noSecret.Message);
        Assert.Contains("Monitor:DpReturnStageId", oneStage.Message);
        var resolved = AccountSettings.Resolve(withoutPublicUrl);
        Assert.Equal((HookMode.Api, DpMode.Api), (resolved.HookMode, resolved.DpMode));
    }

    [Theory]
    [InlineData("acme.amocrm.ru", "https://acme.amocrm.ru/")]
    [InlineData("  acme.kommo.com ", "https://acme.kommo.com/")]
    [InlineData("http://localhost:3100", "http://localhost:3100/")]
    [InlineData("https://acme.amocrm.ru/some/path", "https://acme.amocrm.ru/")]
    [InlineData("ftp://acme.amocrm.ru", null)]
    [InlineData("", null)]
    [InlineData("http://", null)]
    public void TheDomainIsABareHostOrAUrl(string domain, string? expected)
    {
        Assert.Equal(expected, AmoAccount.TryParseBaseUri(domain)?.ToString());
    }

    [Fact]
    public void TheAccountIsNamedAfterItsHostAndNeverPrintsItsToken()
    {
        var account = AmoAccount.AllFrom(new MonitorOptions { Domain = "acme.amocrm.ru", AccessToken = "very-secret" })
            .Single();

        Assert.Equal("acme.amocrm.ru", account.Name);
        Assert.DoesNotContain("very-secret", account.ToString());
    }

    [Theory]
    [InlineData("Monitor:HookMode", "e2e-ish")]
    [InlineData("Monitor:DpMode", "webhook")]
    [InlineData("Monitor:PostMode", "upsert")]
    public void AnUnknownModeFailsAtStartNamingItsKey(string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            Resolve(("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"), (key, value)));

        Assert.Contains($"'{value}' at '{key}'", error.Message);
    }

    [Fact]
    public void ModesAreReadWhateverTheirCase()
    {
        var options = Resolve(("AMOCRM_DOMAIN", "acme.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t"),
            ("Monitor:HookMode", "API"), ("Monitor:PostMode", "create"));

        Assert.Equal((HookMode.Api, PostMode.Create), (AccountSettings.Resolve(options).HookMode, options.PostMode));
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
