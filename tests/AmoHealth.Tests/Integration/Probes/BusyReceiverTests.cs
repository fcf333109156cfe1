using System.Net;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Faults;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>
/// The receiver on a busy real account: amoCRM posts every <c>update_lead</c> of the account, several leads with all
/// their custom fields in one delivery, and disables the hook after 100 answers other than 2xx.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class BusyReceiverTests
{
    [Fact]
    public async Task EveryDeliveryWithTheSecretIsAnswered200WhateverItsSizeOrFieldCount()
    {
        await using var rig = await ProberRig.StartAsync(withDpAction: false);
        using var http = new HttpClient();
        var url = rig.Options.ReceiverUrl("rig");
        var statuses = new List<(string, HttpStatusCode)>();

        foreach (var leads in new[] { 1, 3, 10, 25 })
        {
            using var answer =
                await http.PostAsync(url, new FormUrlEncodedContent(AmoForms.Update(leads, customFields: 130)));
            statuses.Add(($"{leads} lead(s) x 130 custom fields", answer.StatusCode));
        }

        // Past the receiver's own cap (8 MiB): answered all the same, the rest left unread.
        var huge = "leads%5Bupdate%5D%5B0%5D%5Bname%5D=" + new string('x', 12 * 1024 * 1024);
        using (var declared = await http.PostAsync(url,
            new StringContent(huge, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded")))
        {
            statuses.Add(("12 MiB, declared", declared.StatusCode));
        }

        using (var chunked = await http.PostAsync(url, new ChunkedForm(huge)))
        {
            statuses.Add(("12 MiB, chunked", chunked.StatusCode));
        }

        using var wrong =
            await http.PostAsync(new Uri(rig.Receiver.BaseUri, "/hooks/amocrm/not-the-secret"),
                new FormUrlEncodedContent(AmoForms.Update(3, 130)));

        Assert.All(statuses, s => Assert.True(s.Item2 == HttpStatusCode.OK, $"{s.Item1}: {s.Item2}"));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }

    [Fact]
    public async Task TheTestLeadMatchesAtIndexSevenOfABatchForHookAndDp()
    {
        await using var rig = await ProberRig.StartAsync();
        using (var busy = await rig.Control.SendJsonAsync(HttpMethod.Put, "/__sim/busy",
            """{"ownLeadAt":7,"maxCustomFields":40}"""))
        {
            busy.EnsureSuccessStatusCode();
        }

        var hook = await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None);
        var dp = await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.True(hook.Outcome == Outcome.Up, hook.ErrorMessage);
        Assert.True(dp.Outcome == Outcome.Up, dp.ErrorMessage);
    }

    [Fact]
    public async Task ADigitalPipelineDeliveryFromAnotherStageDoesNotCount()
    {
        await using var rig = await ProberRig.StartAsync(o => o.DeliveryDeadlineMs = 3_000, withDpAction: false);
        using var http = new HttpClient();
        var probing = rig.Dp.ProbeAsync(rig.Account, CancellationToken.None);

        // The lead entered the DP stage; a delivery names it and the stage, but says it came from a closed one.
        var lead = await Eventually.GetAsync(() => Task.FromResult(
            rig.Simulator.Account.Leads.Values.FirstOrDefault(l => l.StatusId == AccountState.SecondStageId)),
                TimeSpan.FromSeconds(20), "the DP move");
        using var forged = await http.PostAsync(rig.Options.ReceiverUrl("rig", dp: true),
            new FormUrlEncodedContent(AmoForms.Moves(1, from: 143, to: AccountState.SecondStageId, own: (0, lead.Id))));
        var result = await probing;

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(Outcome.Down, result.Outcome);
    }

    [Fact]
    public async Task ADigitalPipelineDeliveryThatArrivesBeforeTheMoveWasSentDoesNotCount()
    {
        // One request a second: the move into the DP stage leaves a second after the move back.
        await using var rig = await ProberRig.StartAsync(o =>
        {
            o.MaxRequestsPerSecond = 1;
            o.DeliveryDeadlineMs = 3_000;
        }, withDpAction: false);
        using var http = new HttpClient();
        var requests = rig.Simulator.Services.GetRequiredService<RequestLog>();
        var probing = rig.Dp.ProbeAsync(rig.Account, CancellationToken.None);

        // Moved back, and waiting (both the measuring waiter and the late-delivery catcher) for the move to be sent.
        await Eventually.TrueAsync(() => requests.All.Any(r => r.Method == "PATCH") && rig.Waiters.Count == 2,
            TimeSpan.FromSeconds(20), "the move back");
        var lead = Assert.Single(rig.Simulator.Account.Leads.Values);
        using var early = await http.PostAsync(rig.Options.ReceiverUrl("rig", dp: true),
            new FormUrlEncodedContent(AmoForms.Moves(1, AccountState.FirstStageId, AccountState.SecondStageId,
                own: (0, lead.Id))));
        var result = await probing;

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal(2, requests.All.Count(r => r.Method == "PATCH"));
        Assert.True(requests.All.Last(r => r.Method == "PATCH").Time > requests.All.First(r =>
            r.Method == "PATCH").Time + 500);
        Assert.Equal(Outcome.Down, result.Outcome);
    }

    [Fact]
    public async Task TheTestLeadAtIndexSevenOfAReceivedBatchIsMatchedAndNothingElseIsKept()
    {
        await using var rig = await ProberRig.StartAsync(withDpAction: false);
        using var http = new HttpClient();
        var name = ProbeMarker.NewName(out var marker);
        Delivery? seen = null;
        using var waiter =
            rig.Waiters.Register("rig", d => (seen = d).Leads.Any(l => l.Id == 4242 && l.Marker == marker));
        waiter.CountFrom(0);

        using var answer = await http.PostAsync(rig.Options.ReceiverUrl("rig"),
            new FormUrlEncodedContent(AmoForms.Update(25, customFields: 130, own: (7, 4242, name))));
        await waiter.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var kept = Assert.Single(seen!.Leads);
        Assert.Equal(new LeadEntry(LeadEvent.Update, 4242, marker, null, null), kept);
    }
}
