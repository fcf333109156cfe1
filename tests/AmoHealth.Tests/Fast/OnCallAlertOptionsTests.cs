using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

/// <summary>The team's zone, the summary hour and the escalation policy: bad values stop the start naming the key,
/// an account's policy takes what it leaves out from the section, and the summary is due at the team's hour.</summary>
[Trait("Ring", "Fast")]
public sealed class OnCallAlertOptionsTests
{
    [Theory]
    [InlineData("Alerts:TimeZone", "Mars/Olympus_Mons", "Alerts:TimeZone 'Mars/Olympus_Mons'")]
    [InlineData("Alerts:DailySummaryHour", "24", "DailySummaryHour")]
    [InlineData("Alerts:Escalation:AfterMinutes", "0", "Alerts:Escalation:AfterMinutes")]
    [InlineData("Alerts:Escalation:Repeat", "-1", "Alerts:Escalation:Repeat")]
    [InlineData("Alerts:Escalation:Accounts:acme:AfterMinutes", "20000",
        "Alerts:Escalation:Accounts:acme:AfterMinutes")]
    [InlineData("Alerts:Escalation:Channels:0", "oncall", "Alerts:Escalation:Channels:0 'oncall'")]
    [InlineData("Alerts:Escalation:Accounts:acme:Channels:0", "phone", "Alerts:Escalation:Accounts:acme:Channels:0")]
    public void ABadOnCallSettingFailsAtStartNamingItsKey(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve([(key, value)]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscalationChannelsDeclaredUnderAlertsChannelsOrBuiltInPass()
    {
        var alerts = Resolve(
        [
            ("Alerts:TimeZone", "Asia/Vladivostok"), ("Alerts:DailySummaryHour", "8"),
            ("Alerts:Channels:oncall:Type", "mattermost"), ("Alerts:Channels:phone:Type", "webhook"),
            ("Alerts:Escalation:Channels:0", "oncall"), ("Alerts:Escalation:Channels:1", "telegram"),
            ("Alerts:Escalation:Accounts:acme:AfterMinutes", "5"),
            ("Alerts:Escalation:Accounts:acme:Channels:0", "phone"),
        ]);

        Assert.Equal("Asia/Vladivostok", alerts.Zone().Id);
        var acme = alerts.Escalation.For("acme")!;
        Assert.Equal((TimeSpan.FromMinutes(5), 3), (acme.After, acme.Steps));
        Assert.Equal(["phone"], acme.Channels);
        var other = alerts.Escalation.For("other")!;
        Assert.Equal((TimeSpan.FromMinutes(15), 3), (other.After, other.Steps));
        Assert.Equal(["oncall", "telegram"], other.Channels);
    }

    [Fact]
    public void WithoutChannelsNobodyIsEscalatedTo() =>
        Assert.Null(Resolve([("Alerts:Escalation:AfterMinutes", "5")]).Escalation.For("acme"));

    [Theory]
    // The default: 09:00 in the team's zone (Moscow, UTC+3), the day being the team's date.
    [InlineData(null, null, null, "2026-12-07T05:59:00Z", "2026-12-06")]
    [InlineData(null, null, null, "2026-12-07T06:00:00Z", "2026-12-07")]
    [InlineData("America/New_York", "9", null, "2026-12-07T13:59:00Z", "2026-12-06")]
    [InlineData("America/New_York", "9", null, "2026-12-07T14:00:00Z", "2026-12-07")]
    // The older setting alone: the hour in UTC, named by the team's date of that moment (22:00 UTC = 01:00 Moscow).
    [InlineData(null, null, "22", "2026-12-06T21:59:00Z", "2026-12-06")]
    [InlineData(null, null, "22", "2026-12-06T22:00:00Z", "2026-12-07")]
    // Both set: the team's hour wins.
    [InlineData(null, "9", "22", "2026-12-06T22:00:00Z", "2026-12-06")]
    [InlineData(null, "-1", "6", "2026-12-07T12:00:00Z", null)]
    public void TheDailySummaryIsDueOncePerTeamsDateAtItsHour(
        string? zone, string? hour, string? utcHour, string now, string? day)
    {
        var alerts = Resolve(
        [
            .. zone is null ? [] : new[] { ("Alerts:TimeZone", zone) },
            .. hour is null ? [] : new[] { ("Alerts:DailySummaryHour", hour) },
            .. utcHour is null ? [] : new[] { ("Alerts:DailySummaryHourUtc", utcHour) },
        ]);

        Assert.Equal(day, DailySummaryClock.DueDay(alerts, DateTimeOffset.Parse(now,
            System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static AlertOptions Resolve((string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddAlertOptions();
        services.AddSingleton<IValidateOptions<AlertOptions>, EscalationChannelsValidator>();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AlertOptions>>().Value;
    }
}
