using System.Net;
using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Webhooks;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Simulator;

/// <summary>amoCRM's retries of a failed delivery, its timeout for a slow receiver and its auto-disable.</summary>
[Trait("Ring", "Integration")]
public sealed class WebhookRetryTests : WebhookFixture
{
    [Fact]
    public async Task AServerErrorIsRetriedAfter5And15And15MinutesAndAnHourThenGivenUp()
    {
        Receiver.Status = 500;
        await SubscribeAsync("update_lead");
        var lead = Simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, """{"name":"x"}""");
        await ExpectAttemptsAsync(1);
        foreach (var (wait, attempts) in new[] { (5, 2), (15, 3), (15, 4), (60, 5) })
        {
            var retry = TimeSpan.FromMinutes(wait);
            await Time.ParkedAsync(retry, Wait, $"the wait before attempt {attempts}");
            Time.Advance(retry - TimeSpan.FromSeconds(1));
            // The retry's timer is still armed, a second away: the attempt cannot have been sent yet.
            Assert.Contains(Time.GetUtcNow() + TimeSpan.FromSeconds(1), Time.Armed);
            Assert.Equal(attempts - 1, Receiver.Requests.Count);
            Time.Advance(TimeSpan.FromSeconds(1));
            await ExpectAttemptsAsync(attempts);
        }

        await GaveUpAsync("the fifth attempt");
        Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(5, Receiver.Requests.Count);
        Assert.Equal([1, 2, 3, 4, 5], Deliveries.All.Select(d => d.Attempt));
    }

    [Fact]
    public async Task AClientErrorIsRetriedOnlyTwice()
    {
        Receiver.Status = 404;
        await SubscribeAsync("update_lead");
        var lead = Simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, """{"name":"x"}""");
        await ExpectAttemptsAsync(1);
        Time.Advance(TimeSpan.FromMinutes(5));
        await ExpectAttemptsAsync(2);
        Time.Advance(TimeSpan.FromMinutes(15));
        await ExpectAttemptsAsync(3);
        await GaveUpAsync("the third attempt");
        Time.Advance(TimeSpan.FromHours(3));

        Assert.Equal(3, Receiver.Requests.Count);
    }

    [Fact]
    public async Task AReceiverSlowerThanTwoSecondsCountsAsFailed()
    {
        Receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SubscribeAsync("update_lead");
        var lead = Simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, """{"name":"x"}""");
        await Eventually.TrueAsync(() => Receiver.Requests.Count == 1, Wait, "the first attempt");
        Time.Advance(TimeSpan.FromSeconds(2));

        await Eventually.TrueAsync(() => Deliveries.All.Count == 1, Wait, "the attempt to be judged");
        Assert.Equal(0, Deliveries.All.Single().Status);
        Receiver.Hold = null;
        Time.Advance(TimeSpan.FromMinutes(5));
        await ExpectAttemptsAsync(2);
    }

    [Fact]
    public async Task MoreThanAHundredInvalidAnswersInTwoHoursDisableTheHook()
    {
        Receiver.Status = 400;
        await SubscribeAsync("update_lead");
        var lead = Simulator.Account.AddLead("Probe", null, 0);

        for (var i = 0; i < 101; i++)
        {
            await PatchAsync(lead.Id, $$"""{"price":{{i}}}""");
        }

        await Eventually.TrueAsync(() => Deliveries.All.Count == 101, TimeSpan.FromSeconds(30), "101 invalid answers");
        var listed = await (await Client.GetAsync("/api/v4/webhooks")).JsonAsync();
        Assert.True(listed.GetProperty("_embedded").GetProperty("webhooks")[0].GetProperty("disabled").GetBoolean());

        // The PATCH dispatches before it is answered: a delivery would be in flight now, or already logged.
        var parked = Dispatcher.InFlight;
        await PatchAsync(lead.Id, """{"price":1000}""");
        Assert.Empty(Dispatcher.InFlight.Except(parked));
        Assert.Equal(101, Deliveries.All.Count);
        Assert.Equal(101, Receiver.Requests.Count);

        // Saving the hook again re-enables it, as an admin does in amoCRM.
        Receiver.Status = 200;
        await SubscribeAsync("update_lead");
        await PatchAsync(lead.Id, """{"price":1001}""");
        await ExpectAttemptsAsync(102);
    }

    [Fact]
    public async Task ADigitalPipelineActionFiresOnceWhenALeadEntersItsStageWithoutRetries()
    {
        Receiver.Status = 500;
        using var set = await Client.SendJsonAsync(HttpMethod.Put, "/__sim/dp",
            $$"""{"statusId":{{AccountState.SecondStageId}},"url":"{{Receiver.Url}}?probe=dp"}""");
        var lead = Simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, """{"name":"no stage change"}""");
        await PatchAsync(lead.Id, $$"""{"status_id":{{AccountState.SecondStageId}}}""");
        await ExpectAttemptsAsync(1);
        await GaveUpAsync("the one DP attempt");
        Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var delivery = Assert.Single(Receiver.Requests);
        Assert.Equal("/amo?probe=dp", delivery.Path);
        Assert.Equal(lead.Id.ToString(), delivery.Form["leads[status][0][id]"]);
        Assert.Equal(AccountState.FirstStageId.ToString(), delivery.Form["leads[status][0][old_status_id]"]);
        Assert.Equal(AccountState.SecondStageId.ToString(), delivery.Form["leads[status][0][status_id]"]);
        Assert.Equal(AccountState.PipelineId.ToString(), delivery.Form["leads[status][0][pipeline_id]"]);
    }
}
