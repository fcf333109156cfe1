using AmoHealth.Core.Checks;
using AmoHealth.Simulator.Webhooks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>HOOK and DP on an account where amoCRM delivers every <c>update_lead</c> of many other leads.</summary>
[Collection(MemoryMeasuredCollection.Name)]
[Trait("Ring", "Integration")]
public sealed class BusyAccountTests
{
    private const int WarmUp = 200;
    private const int Measured = 1_000;

    [Fact]
    public async Task HookAndDpStayUpEveryDeliveryIsAnswered2xxAndTheReceiversMemoryStaysFlat()
    {
        await using var rig = await ProberRig.StartAsync(o => o.DeliveryDeadlineMs = 15_000);
        var busy = rig.Simulator.Services.GetRequiredService<BusyAccount>();
        var log = rig.Simulator.Services.GetRequiredService<DeliveryLog>();
        var results = new List<ProbeResult> { await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None) };
        using (var on = await rig.Control.SendJsonAsync(HttpMethod.Put, "/__sim/busy",
            """{"perSecond":100,"maxLeads":5,"maxCustomFields":140,"ownLeadAt":3}"""))
        {
            on.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(() => busy.Sent >= WarmUp, TimeSpan.FromSeconds(120), $"{WarmUp} busy deliveries");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        while (busy.Sent < WarmUp + Measured)
        {
            results.Add(await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None));
            results.Add(await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None));
            Assert.True(results.Count < 200,
                $"only {busy.Sent} busy deliveries were sent during {results.Count} probes");
        }

        using (var off = await rig.Control.DeleteAsync("/__sim/busy"))
        {
            off.EnsureSuccessStatusCode();
        }

        var sent = busy.Sent;
        await Eventually.TrueAsync(() => log.All.Count(d => d.Kind == "webhook") >= sent, TimeSpan.FromSeconds(120),
            "every busy delivery answered");
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.All(results, r => Assert.True(r.Outcome == Outcome.Up, $"{r.CheckType}: {r.ErrorMessage}"));
        var answers = log.All.GroupBy(d => d.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(answers.Keys.All(status => status is >= 200 and < 300),
            string.Join(", ", answers.Select(a => $"{a.Value} x {a.Key}")));
        // A receiver that kept what it read would hold well over 100 MB here (a delivery is tens to hundreds of KB).
        Assert.True(after - before < 48L * 1024 * 1024,
            $"{(after - before) / 1024 / 1024} MB more after {sent - WarmUp} deliveries");
    }
}
