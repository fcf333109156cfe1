using AmoHealth.Prober.Probes.Hooks;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>The webhook receiver holds its own limits: a flood to a leaked secret costs next to nothing.</summary>
[Trait("Ring", "Integration")]
public sealed class ReceiverLimitsTests
{
    [Fact]
    public async Task AFloodForOtherAccountsNeverRunsAWaitersMatcherAndAnAccountHoldsABoundedNumber()
    {
        var waiters = new DeliveryWaiters(NullLogger<DeliveryWaiters>.Instance);
        var asked = 0;
        using var waiting =
            waiters.Register("main", d => { Interlocked.Increment(ref asked); return d.Leads.Any(l => l.Id == 42); });
        waiting.CountFrom(0);
        LeadEntry[] leads = [new(LeadEvent.Status, 42, null, 7, 6)];

        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal(0, waiters.Deliver(new Delivery("account", $"flood-{i}", leads, i)));
            Assert.Equal(0, waiters.Deliver(new Delivery("account", null, leads, i)));
        }

        Assert.Equal(0, asked);
        Assert.False(waiting.Arrived.IsCompleted);
        Assert.Equal(1, waiters.Deliver(new Delivery("account", "main", leads, 7)));
        Assert.Equal(7, await waiting.Arrived);

        // Waiters a fault left undisposed: the account keeps the newest, never more than the cap.
        var leaked = Enumerable.Range(0, 40).Select(_ => waiters.Register("main", _ => false)).ToList();
        Assert.Equal(DeliveryWaiters.MaxPendingPerAccount, waiters.Count);
        leaked.ForEach(w => w.Dispose());
        Assert.Equal(0, waiters.Count);
    }
}
