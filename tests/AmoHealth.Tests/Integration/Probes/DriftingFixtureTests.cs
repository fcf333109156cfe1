using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Probes;
using AmoHealth.Simulator.Amo;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>The account changes under the Prober: its test lead is deleted or closed, a stage id is wrong,
/// DP runs late.</summary>
[Trait("Ring", "Integration")]
public sealed class DriftingFixtureTests
{
    [Fact]
    public async Task ADeletedTestLeadIsReplacedAndEveryWriteCheckStaysUpWithOneNotice()
    {
        await using var rig = await ProberRig.StartAsync();
        Assert.Equal(Outcome.Up, (await rig.Post.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);
        var first = Assert.Single(rig.Simulator.Account.Leads.Keys);

        // Someone deletes (or merges away) the test lead in amoCRM's UI.
        using (var deleted = await rig.Control.DeleteAsync($"/__sim/leads/{first}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var after = await Task.WhenAll(new[] { rig.Post, rig.Hook, rig.Dp }
            .Select(p => p.ProbeAsync(rig.Account, CancellationToken.None)));

        Assert.All(after, r => Assert.True(r.Outcome.IsSuccess(), $"{r.CheckType}: {r.Outcome} {r.ErrorMessage}"));
        var replacement = Assert.Single(rig.Simulator.Account.Leads.Keys);
        Assert.NotEqual(first, replacement);
        Assert.Equal(replacement.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await rig.State.GetAsync("rig", ProbeStateRecord.TestLeadKey, CancellationToken.None));
        var stored =
            ProbeStateRecord.ParseNotice((await rig.State.GetAsync("rig", ProbeStateRecord.NoticeKey,
                CancellationToken.None))!);
        Assert.Contains($"test lead {first} no longer exists", stored.Text);
        Assert.True(stored.At > 0);
        await using var db = await rig.Database.CreateFactory().CreateDbContextAsync();
        var notice = Assert.Single(await db.Notifications.ToListAsync());
        Assert.Equal("info", notice.Kind);
        Assert.StartsWith("ℹ️", notice.Text);
    }

    [Fact]
    public async Task AStoredTestLeadTheAccountNoLongerHasIsReplacedBeforeAnyWriteFails()
    {
        // The demo run a second time: the database remembers a lead that the fresh simulator never had.
        await using var rig = await ProberRig.StartAsync();
        await rig.State.SetAsync("rig", ProbeStateRecord.TestLeadKey, "424242", CancellationToken.None);

        var result = await rig.Post.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.True(result.Outcome == Outcome.Up, result.ErrorMessage);
        var requests = await (await rig.Control.GetAsync("/__sim/requests")).JsonAsync();
        Assert.DoesNotContain(requests.EnumerateArray(),
            r => r.GetProperty("path").GetString() == "/api/v4/leads/424242"
                && r.GetProperty("method").GetString() == "PATCH");
        Assert.Single(rig.Simulator.Account.Leads);
    }

    [Fact]
    public async Task AClosedTestLeadIsMovedBackIntoTheReturnStage()
    {
        await using var rig = await ProberRig.StartAsync();
        await rig.Post.ProbeAsync(rig.Account, CancellationToken.None);
        var id = Assert.Single(rig.Simulator.Account.Leads.Keys);
        using (var closed = await rig.Control.SendJsonAsync(HttpMethod.Patch, $"/api/v4/leads/{id}",
            """{"status_id":143}"""))
        {
            closed.EnsureSuccessStatusCode();
        }

        // A new Prober process verifies the lead on first use.
        var leads = TestLeadsFactory.Create(rig.Client, rig.Database, rig.Options);
        var post = new PostProbe(rig.Client, leads, TimeProvider.System);
        Assert.Equal(Outcome.Up, (await post.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);

        Assert.Equal(AccountState.FirstStageId, rig.Simulator.Account.Leads[id].StatusId);
    }

    [Fact]
    public async Task AnUnknownDpStageIsAConfigurationErrorNotAnOutage()
    {
        await using var rig = await ProberRig.StartAsync(o => o.DpStageId = 999);

        var result = await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.True(result.OwnFault);
        Assert.Equal(FailureKind.Configuration, result.Kind);
        Assert.Contains("Configuration error: Monitor:DpStageId 999 is not a stage", result.ErrorMessage);
        Assert.Equal(result.ErrorMessage,
            ProbeStateRecord.ParseNotice((await rig.State.GetAsync("rig", ProbeStateRecord.NoticeKey,
                CancellationToken.None))!).Text);
    }

    [Fact]
    public async Task HookAndDpWaitForOurOwnReceiverBeforeWritingToAmoCrm()
    {
        // PUBLIC_URL leads nowhere yet (the Gateway is still starting): nothing to measure, nothing to blame on amoCRM.
        await using var rig =
            await ProberRig.StartAsync(o => o.PublicUrl = $"http://127.0.0.1:{RedisServer.FreePort()}/");
        await rig.Control.DeleteAsync("/__sim/requests");

        var results =
            await Task.WhenAll(rig.Hook.ProbeAsync(rig.Account, CancellationToken.None),
                rig.Dp.ProbeAsync(rig.Account, CancellationToken.None));

        Assert.All(results, r => Assert.True(r.OwnFault, r.ErrorMessage));
        Assert.All(results, r => Assert.Contains("receiver is not reachable", r.ErrorMessage));
        var requests = await (await rig.Control.GetAsync("/__sim/requests")).JsonAsync();
        Assert.DoesNotContain(requests.EnumerateArray(), r => r.GetProperty("method").GetString() == "PATCH");
    }

    [Fact]
    public async Task ALateDigitalPipelineDeliveryNeverCountsForALaterMove()
    {
        await using var rig = await ProberRig.StartAsync(o => o.DeliveryDeadlineMs = 1_000);
        using (var late = await rig.Control.PostJsonAsync("/__sim/faults", """{"endpoint":"dp","latencyMs":1800}"""))
        {
            late.EnsureSuccessStatusCode();
        }

        // Each move's delivery arrives after its own deadline, during the next move's wait.
        var results = new List<ProbeResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None));
        }

        Assert.All(results, r => Assert.Equal(Outcome.Down, r.Outcome));
        using (var cleared = await rig.Control.DeleteAsync("/__sim/faults"))
        {
            cleared.EnsureSuccessStatusCode();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var recovered = await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None);
        Assert.True(recovered.Outcome == Outcome.Up, recovered.ErrorMessage);
    }

    [Fact]
    public async Task ABacklogLongerThanTwoMovesIsReportedWithoutMovingAgain()
    {
        await using var rig = await ProberRig.StartAsync(o => o.DeliveryDeadlineMs = 500);
        using (var late = await rig.Control.PostJsonAsync("/__sim/faults", """{"endpoint":"dp","latencyMs":8000}"""))
        {
            late.EnsureSuccessStatusCode();
        }

        await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None);
        await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None);
        var moves = rig.Simulator.Account.Leads.Count;
        var third = await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal(Outcome.Down, third.Outcome);
        Assert.Contains("late or not delivering", third.ErrorMessage);
        Assert.Equal(FailureKind.NoDelivery, third.Kind);
        Assert.Equal(2, moves);
    }
}
