using System.Net;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>The webhook receiver holds its own limits: a flood to a leaked secret costs next to nothing.</summary>
[Trait("Ring", "Integration")]
public sealed class ReceiverLimitsTests
{
    [Fact]
    public async Task ABodyLargerThan64KiBIsRefusedWhetherItSaysItsLengthOrNot()
    {
        await using var rig = await ProberRig.StartAsync();
        using var http = new HttpClient();
        var url = rig.Options.ReceiverUrl("rig");
        var big = new string('x', 200 * 1024);

        using var declared = await http.PostAsync(url, new FormUrlEncodedContent([new("leads[update][0][name]", big)]));
        using var chunked = await http.PostAsync(url, new ChunkedForm($"leads%5Bupdate%5D%5B0%5D%5Bname%5D={big}"));
        using var normal = await http.PostAsync(url, new FormUrlEncodedContent([new("leads[update][0][id]", "1")]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
    }

    [Fact]
    public async Task AFloodForOtherAccountsNeverRunsAWaitersMatcherAndAnAccountHoldsABoundedNumber()
    {
        var waiters = new AmoHealth.Prober.Probes.Hooks.DeliveryWaiters(Microsoft.Extensions.Logging.Abstractions.NullLogger<AmoHealth.Prober.Probes.Hooks.DeliveryWaiters>.Instance);
        var asked = 0;
        using var waiting = waiters.Register("main", d => { Interlocked.Increment(ref asked); return d["leads[update][0][id]"] == "42"; });
        var form = new Dictionary<string, string> { ["leads[update][0][id]"] = "42" };

        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal(0, waiters.Deliver(new AmoHealth.Prober.Probes.Hooks.Delivery("account", $"flood-{i}", form, i)));
            Assert.Equal(0, waiters.Deliver(new AmoHealth.Prober.Probes.Hooks.Delivery("account", null, form, i)));
        }

        Assert.Equal(0, asked);
        Assert.False(waiting.Arrived.IsCompleted);
        Assert.Equal(1, waiters.Deliver(new AmoHealth.Prober.Probes.Hooks.Delivery("account", "main", form, 7)));
        Assert.Equal(7, await waiting.Arrived);

        // Waiters a fault left undisposed: the account keeps the newest, never more than the cap.
        var leaked = Enumerable.Range(0, 40).Select(_ => waiters.Register("main", _ => false)).ToList();
        Assert.Equal(AmoHealth.Prober.Probes.Hooks.DeliveryWaiters.MaxPendingPerAccount, waiters.Count);
        leaked.ForEach(w => w.Dispose());
        Assert.Equal(0, waiters.Count);
    }

    /// <summary>A form body sent without Content-Length (chunked), as a client that hides its size would.</summary>
    private sealed class ChunkedForm : HttpContent
    {
        private readonly string _body;

        public ChunkedForm(string body)
        {
            _body = body;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(_body));

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
