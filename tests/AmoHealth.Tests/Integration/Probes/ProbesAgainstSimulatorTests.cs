using AmoHealth.Core.Checks;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Probes;

[Trait("Ring", "Integration")]
public sealed class ProbesAgainstSimulatorTests
{
    [Fact]
    public async Task EveryCheckIsUpAgainstAHealthySimulator()
    {
        await using var rig = await ProberRig.StartAsync();

        var results = await Task.WhenAll(rig.All.Select(p => p.ProbeAsync(rig.Account, CancellationToken.None)));

        Assert.Equal(CheckType.All.OrderBy(t => t), results.Select(r => r.CheckType).OrderBy(t => t));
        Assert.All(results, r => Assert.True(r.Outcome == Outcome.Up, $"{r.CheckType}: {r.Outcome} {r.ErrorMessage}"));
    }

    [Fact]
    public async Task ARejectedTokenIsAuthFailedNotAnOutage()
    {
        await using var rig = await ProberRig.StartAsync();
        var account = rig.Account with { AccessToken = "wrong-token" };

        var results = await Task.WhenAll(rig.All.Select(p => p.ProbeAsync(account, CancellationToken.None)));

        // The web page needs no token; every API check must say "credentials", not "amoCRM is down".
        Assert.All(results.Where(r => r.CheckType != CheckType.Web), r => Assert.Equal(Outcome.AuthFailed, r.Outcome));
        Assert.Equal(Outcome.Up, Assert.Single(results, r => r.CheckType == CheckType.Web).Outcome);
    }

    [Fact]
    public async Task PostCheckUpdatesOneTestLeadInsteadOfCreatingALeadEachCycle()
    {
        await using var rig = await ProberRig.StartAsync();

        for (var cycle = 0; cycle < 12; cycle++)
        {
            var result = await rig.Post.ProbeAsync(rig.Account, CancellationToken.None);
            Assert.True(result.Outcome == Outcome.Up, $"cycle {cycle}: {result.ErrorMessage}");
        }

        var lead = Assert.Single(rig.Simulator.Account.Leads.Values);
        Assert.StartsWith("AmoHealth probe 20", lead.Name);
    }

    [Fact]
    public async Task TheTestLeadIsRememberedAcrossARestart()
    {
        await using var rig = await ProberRig.StartAsync();
        await rig.Post.ProbeAsync(rig.Account, CancellationToken.None);

        // A new Prober process: new probe objects, the same SQLite file.
        var leads = TestLeadsFactory.Create(rig.Client, rig.Database, rig.Options);
        var restarted = new AmoHealth.Prober.Probes.PostProbe(rig.Client, leads, TimeProvider.System);
        var result = await restarted.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal(Outcome.Up, result.Outcome);
        Assert.Single(rig.Simulator.Account.Leads);
    }

    [Fact]
    public async Task CreateModePostsANewLeadEachCycleAsTheSeedDid()
    {
        await using var rig =
            await ProberRig.StartAsync(o => o.PostMode = AmoHealth.Prober.Configuration.PostMode.Create);

        for (var cycle = 0; cycle < 3; cycle++)
        {
            Assert.Equal(Outcome.Up, (await rig.Post.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);
        }

        Assert.Equal(3, rig.Simulator.Account.Leads.Count);
    }
}
