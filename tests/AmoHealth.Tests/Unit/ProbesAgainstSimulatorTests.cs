using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probing;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Unit;

public sealed class ProbesAgainstSimulatorTests(SimulatorHost simulator) : IClassFixture<SimulatorHost>
{
    private static readonly MonitorOptions Options = new() { TimeoutMs = 5_000, CheckIntervalMs = 30_000, MaxRequestsPerSecond = 5 };

    [Fact]
    public async Task EveryCheckIsUpAgainstAHealthySimulator()
    {
        var account = new AmoAccount("sim", simulator.BaseUri, SimulatorHost.Token);

        var results = await Task.WhenAll(CreateProbes().Select(p => p.ProbeAsync(account, CancellationToken.None)));

        Assert.Equal(CheckType.All.OrderBy(t => t), results.Select(r => r.CheckType).OrderBy(t => t));
        Assert.All(results, r => Assert.True(r.Outcome == Outcome.Up, $"{r.CheckType}: {r.Outcome} {r.ErrorMessage}"));
    }

    [Fact]
    public async Task ARejectedTokenIsAuthFailedNotAnOutage()
    {
        var account = new AmoAccount("sim", simulator.BaseUri, "wrong-token");

        var results = await Task.WhenAll(CreateProbes().Select(p => p.ProbeAsync(account, CancellationToken.None)));

        // The web page needs no token; every API check must say "credentials", not "amoCRM is down".
        Assert.All(results.Where(r => r.CheckType != CheckType.Web), r => Assert.Equal(Outcome.AuthFailed, r.Outcome));
        Assert.Equal(Outcome.Up, Assert.Single(results, r => r.CheckType == CheckType.Web).Outcome);
    }

    [Fact]
    public async Task PostCheckUpdatesOneTestLeadInsteadOfCreatingALeadEachCycle()
    {
        var account = new AmoAccount("post-" + Guid.NewGuid().ToString("N"), simulator.BaseUri, SimulatorHost.Token);
        var probe = new PostProbe(ProbeClients.Create(Options), Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System);
        var before = simulator.Account.Leads.Count;

        for (var cycle = 0; cycle < 20; cycle++)
        {
            var result = await probe.ProbeAsync(account, CancellationToken.None);
            Assert.True(result.Outcome == Outcome.Up, $"cycle {cycle}: {result.ErrorMessage}");
        }

        Assert.Equal(before + 1, simulator.Account.Leads.Count);
        var lead = simulator.Account.Leads.Values.Single(l => l.Name.StartsWith(PostProbe.LeadName, StringComparison.Ordinal)
                                                             && l.UpdatedAt >= l.CreatedAt && l.Name != PostProbe.LeadName);
        Assert.StartsWith(PostProbe.LeadName, lead.Name);
    }

    private static IProbe[] CreateProbes()
    {
        var client = ProbeClients.Create(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        return
        [
            new GetProbe(client, options),
            new PostProbe(client, options, TimeProvider.System),
            new WebProbe(client),
            new HookProbe(client),
            new DpProbe(client, options),
        ];
    }
}
