using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Extensions;
using AmoHealth.Simulator.Amo;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Probes;

[Trait("Ring", "Integration")]
public sealed class MultiAccountTests
{
    [Fact]
    public void ListedAccountsJoinTheSeedAccountWithTheirOwnSettingsOverTheShared()
    {
        using var provider = Build(
            ("AMOCRM_DOMAIN", "main.amocrm.ru"), ("AMOCRM_ACCESS_TOKEN", "t0"),
            ("Monitor:DegradedMs:GET", "1500"),
            ("Monitor:Accounts:0:Name", "sales"), ("Monitor:Accounts:0:Domain", "sales.amocrm.ru"),
            ("Monitor:Accounts:0:AccessToken", "t1"), ("Monitor:Accounts:0:GetPath", "/api/v4/leads?limit=1"),
            ("Monitor:Accounts:0:DegradedMs:POST", "9000"),
            ("Monitor:Accounts:1:Name", "support"), ("Monitor:Accounts:1:Domain", "http://localhost:3100"),
            ("Monitor:Accounts:1:AccessToken", "t2"));

        var accounts = provider.GetRequiredService<IReadOnlyList<AmoAccount>>();

        Assert.Equal(["main.amocrm.ru", "sales", "support"], accounts.Select(a => a.Name));
        var sales = accounts[1];
        Assert.Equal(("https://sales.amocrm.ru/", "t1"), (sales.BaseUri.ToString(), sales.AccessToken));
        Assert.Equal("/api/v4/leads?limit=1", sales.Settings!.GetPath);
        Assert.Equal((1_500, 9_000),
            (sales.Settings.DegradedThresholdMs("GET"), sales.Settings.DegradedThresholdMs("POST")));
        Assert.Equal("/api/v4/account", accounts[2].Settings!.GetPath);
        Assert.Equal("http://localhost:3100/", accounts[2].BaseUri.ToString());
    }

    [Fact]
    public void ListedAccountsAloneNeedNoSeedVariables()
    {
        using var provider =
            Build(("Monitor:Accounts:0:Name", "only"), ("Monitor:Accounts:0:Domain", "only.amocrm.ru"),
                ("Monitor:Accounts:0:AccessToken", "t"));

        Assert.Equal(["only"], provider.GetRequiredService<IReadOnlyList<AmoAccount>>().Select(a => a.Name));
    }

    [Theory]
    [InlineData("Name", "", "Monitor:Accounts:1:Name")]
    [InlineData("Name", "first", "Monitor:Accounts:1:Name")]
    [InlineData("Domain", "ftp://nope", "Monitor:Accounts:1:Domain")]
    [InlineData("AccessToken", "", "Monitor:Accounts:1:AccessToken")]
    public void ABadAccountEntryFailsAtStartNamingItsKey(string field, string value, string expected)
    {
        var settings = new List<(string, string)>
        {
            ("Monitor:Accounts:0:Name", "first"), ("Monitor:Accounts:0:Domain", "first.amocrm.ru"),
                ("Monitor:Accounts:0:AccessToken", "t"),
            ("Monitor:Accounts:1:Name", "second"), ("Monitor:Accounts:1:Domain", "second.amocrm.ru"),
                ("Monitor:Accounts:1:AccessToken", "t"),
        };
        settings.RemoveAll(s => s.Item1 == $"Monitor:Accounts:1:{field}");
        settings.Add(($"Monitor:Accounts:1:{field}", value));

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            using var provider = Build([.. settings]);
            return provider.GetRequiredService<IOptions<MonitorOptions>>().Value;
        });

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task TwoAccountsOnTwoAmoCrmsShareOneReceiverWithoutMixingTheirDeliveries()
    {
        await using var rig = await ProberRig.StartAsync();
        using var other = SimulatorHost.With();
        using var otherControl = other.CreateAmoClient();
        using var dp = await otherControl.SendJsonAsync(HttpMethod.Put, "/__sim/dp",
            $$"""{"statusId":{{AccountState.SecondStageId}},"url":"""
                + $"\"{rig.Options.ReceiverUrl("second", dp: true)}\"}}");
        var second =
            new AmoAccount("second", other.BaseUri, SimulatorHost.Token,
                AccountSettings.Resolve(rig.Options, new AccountOptions
        {
            Name = "second", Domain = other.BaseUri.ToString(), AccessToken = SimulatorHost.Token,
        }));

        var results = await Task.WhenAll(
            rig.All.Select(p => p.ProbeAsync(rig.Account, CancellationToken.None))
                .Concat(rig.All.Select(p => p.ProbeAsync(second, CancellationToken.None))));

        Assert.All(results, r => Assert.True(r.Outcome == Outcome.Up, $"{r.Account} {r.CheckType}: {r.ErrorMessage}"));
        Assert.Equal(5, results.Count(r => r.Account == "second"));
        Assert.Single(rig.Simulator.Account.Leads);
        Assert.Single(other.Account.Leads);
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddMonitorOptions();
        return services.BuildServiceProvider();
    }
}
