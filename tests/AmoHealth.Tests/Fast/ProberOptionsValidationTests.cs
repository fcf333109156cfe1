using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

/// <summary>The Prober's settings keep their limits with validation generated at build time: a value out of range (or
/// an alert rule broken) stops the start naming the key, and good settings pass.</summary>
[Trait("Ring", "Fast")]
public sealed class ProberOptionsValidationTests
{
    private static readonly (string, string)[] Seed = [("AMOCRM_DOMAIN", "acme.amocrm.ru"),
        ("AMOCRM_ACCESS_TOKEN", "t")];

    [Theory]
    [InlineData("Monitor:TestLeadId", "0", "TestLeadId")]
    [InlineData("Monitor:DpStageId", "-5", "DpStageId")]
    [InlineData("Monitor:DeliveryDeadlineMs", "100", "DeliveryDeadlineMs")]
    [InlineData("Monitor:MaxRequestsPerSecond", "50", "MaxRequestsPerSecond")]
    [InlineData("Monitor:BlockedRecheckMinutes", "0", "BlockedRecheckMinutes")]
    public void AMonitorValueOutOfRangeFailsAtStartNamingIt(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<MonitorOptions>([.. Seed, (key, value)]));

        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("Alerts:Language", "de", "Language")]
    [InlineData("Alerts:RecoverAfterSuccesses", "0", "RecoverAfterSuccesses")]
    [InlineData("Alerts:DailySummaryHourUtc", "24", "DailySummaryHourUtc")]
    public void AnAlertValueOutOfRangeFailsAtStartNamingIt(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<AlertOptions>([(key, value)]));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void AlertRulesOfTheirOwnAreStillChecked()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<AlertOptions>(
        [
            ("Alerts:ConfirmAfterSeconds:0", "15"), ("Alerts:ConfirmAfterSeconds:1", "5"),
            ("Alerts:Maintenance:0:Start", "2026-01-02T00:00:00Z"),
                ("Alerts:Maintenance:0:End", "2026-01-01T00:00:00Z"),
        ]));

        Assert.Contains("Alerts:ConfirmAfterSeconds must increase", error.Message);
        Assert.Contains("Alerts:Maintenance:0:End must be after its Start", error.Message);
    }

    [Fact]
    public void GoodSettingsPass()
    {
        var monitor = Resolve<MonitorOptions>(
            [.. Seed, ("Monitor:TestLeadId", "7"), ("Monitor:MaxRequestsPerSecond", "0.5")]);
        var alerts = Resolve<AlertOptions>(
            [("Alerts:Language", "en"), ("Alerts:ConfirmAfterSeconds:0", "5"), ("Alerts:ConfirmAfterSeconds:1", "15")]);

        Assert.Equal((7L, 0.5), (monitor.TestLeadId, monitor.MaxRequestsPerSecond));
        Assert.Equal("en", alerts.Language);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)], alerts.Confirmations);
    }

    private static T Resolve<T>((string Key, string Value)[] settings)
        where T : class
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddMonitorOptions().AddAlertOptions();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
