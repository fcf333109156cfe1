using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.OnCall.Buttons;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

/// <summary>The settings of the named channels and the alert buttons: a bad one stops the start naming its key; the
/// buttons are signed by the action secret or a key derived from the hook secret, or not offered at all.</summary>
[Trait("Ring", "Fast")]
public sealed class ActionButtonSettingsTests
{
    [Theory]
    [InlineData("sms", "https://example.test/x", "Alerts:Channels:oncall:Type must be")]
    [InlineData("webhook", "not a url", "Alerts:Channels:oncall:Url must be an absolute http(s) URL")]
    [InlineData("mattermost", null, "Alerts:Channels:oncall:Url must be an absolute http(s) URL")]
    [InlineData("telegram", null, "Alerts:Channels:oncall:BotToken and Alerts:Channels:oncall:ChatId are required")]
    public void ABadNamedChannelFailsNamingItsKey(string type, string? url, string expected)
    {
        var settings = new NamedChannelSettings();
        settings.Channels["oncall"] = new NamedChannelOptions { Type = type, Url = url };

        var result = new NamedChannelsValidator().Validate(null, settings);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void AWellFormedNamedChannelPassesAndABuiltInNameIsRefused()
    {
        var settings = new NamedChannelSettings();
        settings.Channels["phone"] = new NamedChannelOptions { Type = "telegram", BotToken = "1:x", ChatId = "7" };
        var taken = new NamedChannelSettings();
        taken.Channels["mattermost"] = new NamedChannelOptions { Type = "webhook", Url = "https://example.test/" };

        Assert.True(new NamedChannelsValidator().Validate(null, settings).Succeeded);
        Assert.Contains("Alerts:Channels:mattermost",
            new NamedChannelsValidator().Validate(null, taken).FailureMessage);
    }

    [Fact]
    public void AShortActionSecretFailsNamingTheKey()
    {
        var result = new ButtonOptionsValidator().Validate(null, new ButtonOptions { ActionSecret = "short" });

        Assert.True(result.Failed);
        Assert.Contains("Alerts:ActionSecret", result.FailureMessage);
    }

    [Fact]
    public void WithoutAnActionSecretTheKeyIsDerivedFromTheHookSecretAndWithNeitherThereIsNoButton()
    {
        var down = new NotificationRecord
        {
            Account = "acme", CheckType = "GET", Kind = NotificationKinds.Down, IncidentId = 12, Text = "🔴",
        };
        var derived = Signer(new ButtonOptions(), new MonitorOptions { HookSecret = "hook-secret-value-123" });
        var none = Signer(new ButtonOptions(), new MonitorOptions());
        var own = Signer(new ButtonOptions { ActionSecret = "hook-secret-value-123-and-more" }, new MonitorOptions());

        Assert.True(derived.Enabled);
        Assert.NotEqual(derived.SignMattermost("12", 1), own.SignMattermost("12", 1));
        Assert.False(none.Enabled);
        Assert.Null(Buttons(none).For([down]));
        Assert.Equal("12", Buttons(derived).For([down])!.Context.Incidents);
        Assert.Null(Buttons(derived).For([new NotificationRecord { Account = "acme",
            CheckType = "GET", Kind = NotificationKinds.Restored, IncidentId = 12, Text = "✅" }]));
    }

    [Fact]
    public void TheTelegramWebhookSecretIsTheOneTheReadmeTellsHowToCompute()
    {
        // printf 'telegram-webhook' | openssl dgst -sha256 -hmac "<Alerts:ActionSecret>" | cut -c1-32 (hex part),
        // and with only the hook secret: the same over the key HMAC-SHA256(hook secret, "amohealth:action-buttons").
        var own = Signer(new ButtonOptions { ActionSecret = "a-test-action-secret-of-32-chars" }, new MonitorOptions());
        var derived = Signer(new ButtonOptions(), new MonitorOptions { HookSecret = "hooksecret" });

        Assert.Equal("0bdef87a1ddb648e0ad1031bbf9f8ae1", own.TelegramSecret);
        Assert.Equal("7226ea0994a231a1bf5dbb10fa962190", derived.TelegramSecret);
    }

    private static ActionSigner Signer(ButtonOptions buttons, MonitorOptions monitor) =>
        new(Options.Create(buttons), Options.Create(monitor));

    private static AckButtons Buttons(ActionSigner signer) => new(signer, Options.Create(new ButtonOptions()),
        Options.Create(new MonitorOptions { PublicUrl = "https://amohealth.example.test" }), TimeProvider.System,
        NullLogger<AckButtons>.Instance);
}
