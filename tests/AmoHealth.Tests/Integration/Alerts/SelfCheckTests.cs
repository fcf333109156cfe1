using AmoHealth.Core.Checks;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Diagnostics;
using AmoHealth.Prober.Persistence;
using AmoHealth.Prober.Probes;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Alerts;

[Trait("Ring", "Integration")]
public sealed class SelfCheckTests
{
    [Fact]
    public async Task AFailureWhileTheReferenceIsUnreachableTooIsTheMonitorOfflineNotAnAmoCrmOutage()
    {
        var offline = await FirstResultAsync($"http://127.0.0.1:{RedisServer.FreePort()}/");

        Assert.True(offline.OwnFault);
        Assert.StartsWith("AmoHealth itself is offline", offline.ErrorMessage);
    }

    [Fact]
    public async Task AFailureWhileTheReferenceAnswersIsAmoCrms()
    {
        await using var reference = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        var result = await FirstResultAsync(reference.BaseUri.ToString());

        Assert.False(result.OwnFault);
        Assert.Equal("Connect: the connection was refused or reset", result.ErrorMessage);
    }

    private static async Task<ProbeResult> FirstResultAsync(string referenceUrl)
    {
        var options = Options.Create(new MonitorOptions { CheckIntervalMs = 60_000, TimeoutMs = 5_000 });
        var selfCheck = new NetworkSelfCheck(new PlainHttpClients(),
            Options.Create(new AlertOptions { ReferenceUrl = referenceUrl }), TimeProvider.System);
        var results = new ResultChannel();
        using var scheduler = Pipeline.Scheduler(
            [new UnreachableProbe()],
            [new AmoAccount("acme", new Uri("http://127.0.0.1:1"), "t")],
            results,
            options.Value,
            TimeProvider.System,
            selfCheck: selfCheck);
        await scheduler.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await results.Reader.ReadAsync(timeout.Token);
        await scheduler.StopAsync(CancellationToken.None);
        return result;
    }

    /// <summary>amoCRM as seen from a machine whose network is gone: nothing answers at all.</summary>
    private sealed class UnreachableProbe : IProbe
    {
        public string CheckType => Core.Checks.CheckType.Get;

        public Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken) =>
            Task.FromResult(new ProbeResult(account.Name, CheckType, Outcome.Down, 3, 1_000, null,
                "Connect: the connection was refused or reset") { Kind = FailureKind.Connect });
    }
}
