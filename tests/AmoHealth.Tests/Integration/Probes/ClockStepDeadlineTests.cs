using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>
/// A webhook's delivery deadline is measured on the monotonic clock: the wall clock stepping while a check
/// waits neither cuts the wait short (a false outage) nor stretches it (a stalled check).
/// </summary>
[Trait("Ring", "Integration")]
public sealed class ClockStepDeadlineTests
{
    [Fact]
    public async Task AWallClockStepForwardDuringTheWriteDoesNotEndTheWaitForTheDelivery()
    {
        var clock = new SteppingClock(TimeProvider.System);
        var waiters = new DeliveryWaiters(NullLogger<DeliveryWaiters>.Instance);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            clock.StepWallClock(TimeSpan.FromHours(1));
            _ = DeliverSoonAsync(waiters);
            await context.Response.WriteAsJsonAsync(new { id = 1 });
        });

        var result = await MeasureAsync(server, clock, waiters).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(result.Outcome == Outcome.Up, $"{result.Outcome}: {result.ErrorMessage}");
    }

    [Fact]
    public async Task AWallClockStepBackDuringTheWriteDoesNotStretchTheDeadline()
    {
        var clock = new SteppingClock(TimeProvider.System);
        var waiters = new DeliveryWaiters(NullLogger<DeliveryWaiters>.Instance);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            clock.StepWallClock(TimeSpan.FromHours(-1));
            await context.Response.WriteAsJsonAsync(new { id = 1 });
        });

        // Nothing is delivered: the check must report down at its 3 s deadline, not an hour later.
        var result = await MeasureAsync(server, clock, waiters).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(Outcome.Down, result.Outcome);
        Assert.Contains("No webhook delivery within 3000 ms", result.ErrorMessage);
    }

    private static Task<ProbeResult> MeasureAsync(LoopbackServer server, SteppingClock clock, DeliveryWaiters waiters)
    {
        // The loopback server stands for amoCRM and, answering anything, for our own receiver behind PUBLIC_URL.
        var options = new MonitorOptions
        {
            TimeoutMs = 5_000, CheckIntervalMs = 30_000, DeliveryDeadlineMs = 3_000,
                PublicUrl = server.BaseUri.ToString(), HookSecret = "s3cr3t",
        };
        var account = new AmoAccount("acme", server.BaseUri, "token", AccountSettings.Resolve(options));
        var client = ProbeClients.Create(options, clock);
        var endToEnd =
            new EndToEnd(client, waiters, Microsoft.Extensions.Options.Options.Create(options), clock,
                new PlainHttpClients());
        var write = ProbeClient.Request.Api(account, HttpMethod.Patch, "/api/v4/leads/1", """{"name":"marker"}""");
        return endToEnd.MeasureAsync(account, CheckType.Hook, d => d.Leads.Any(l => l.Id == 1), write,
            _ => Task.FromResult<string?>(null), CancellationToken.None);
    }

    /// <summary>The delivery arrives after the write's answer, stamped by a receiver whose clock held.</summary>
    private static async Task DeliverSoonAsync(DeliveryWaiters waiters)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        waiters.Deliver(new Delivery(Delivery.AccountWebhook, "acme",
            [new LeadEntry(LeadEvent.Update, 1, null, null, null)],
            TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()));
    }
}
