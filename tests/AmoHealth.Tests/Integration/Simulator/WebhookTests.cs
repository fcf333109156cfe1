using System.Net;
using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Webhooks;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Simulator;

[Trait("Ring", "Integration")]
public sealed class WebhookTests : WebhookFixture
{
    [Fact]
    public async Task WebhooksAreListedUpsertedByDestinationAndDeleted()
    {
        using var created = await Client.PostJsonAsync("/api/v4/webhooks",
            $$"""{"destination":"{{Receiver.Url}}","settings":["add_lead"],"sort":10}""");
        using var upserted = await Client.PostJsonAsync("/api/v4/webhooks",
            $$"""{"destination":"{{Receiver.Url}}","settings":["update_lead","status_lead"]}""");
        var listed = await (await Client.GetAsync($"/api/v4/webhooks?filter[destination]={Receiver.Url}")).JsonAsync();
        using var otherFilter = await Client.GetAsync(
            "/api/v4/webhooks?filter[destination]=https://elsewhere.example/");
        using var deleted = await Client.SendJsonAsync(HttpMethod.Delete, "/api/v4/webhooks",
            $$"""{"destination":"{{Receiver.Url}}"}""");
        using var deletedAgain = await Client.SendJsonAsync(HttpMethod.Delete, "/api/v4/webhooks",
            $$"""{"destination":"{{Receiver.Url}}"}""");
        using var empty = await Client.GetAsync("/api/v4/webhooks");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = await created.JsonAsync();
        Assert.False(hook.GetProperty("disabled").GetBoolean());
        Assert.Equal(hook.GetProperty("id").GetInt64(), (await upserted.JsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal(1, listed.GetProperty("_total_items").GetInt32());
        var only = listed.GetProperty("_embedded").GetProperty("webhooks")[0];
        Assert.Equal(["update_lead", "status_lead"], only.GetProperty("settings").EnumerateArray()
            .Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, otherFilter.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
    }

    [Theory]
    [InlineData("""{"destination":"not a url","settings":["add_lead"]}""", "destination")]
    [InlineData("""{"destination":"https://x.example/","settings":["fly_lead"]}""", "settings")]
    [InlineData("""{"destination":"https://x.example/","settings":[]}""", "settings")]
    [InlineData("""{"destination":"https://x.example/"}""", "settings")]
    public async Task BadSubscriptionsAre400(string body, string path)
    {
        using var response = await Client.PostJsonAsync("/api/v4/webhooks", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("validation-errors")[0].GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("path").GetString() == path);
    }

    [Fact]
    public async Task OnlyAdminTokensManageWebhooks()
    {
        var token = (await (await Client.PostJsonAsync("/__sim/tokens", """{"admin":false}""")).JsonAsync())
            .GetProperty("access_token").GetString();
        using var user = Simulator.CreateAmoClient(token);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v4/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v4/account")).StatusCode);
    }

    [Fact]
    public async Task ALeadUpdateIsDeliveredFormEncodedWithAmoCrmsHeadersAndBracketKeys()
    {
        await SubscribeAsync("update_lead", "status_lead");
        var lead = Simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, $$"""{"status_id":{{AccountState.SecondStageId}}}""");
        await Eventually.TrueAsync(() => Receiver.Requests.Count == 2, Wait, "the update and status deliveries");

        var update = Receiver.Requests.Single(r => r.Form.ContainsKey("leads[update][0][id]"));
        Assert.Equal("application/x-www-form-urlencoded", update.ContentType);
        Assert.Equal("amoCRM-Webhooks/3.0", update.UserAgent);
        Assert.True(Guid.TryParse(update.RequestId, out _));
        Assert.Equal(lead.Id.ToString(), update.Form["leads[update][0][id]"]);
        Assert.Equal("demo", update.Form["account[subdomain]"]);
        Assert.Equal(AccountState.AccountId.ToString(), update.Form["account[id]"]);
        var status = Receiver.Requests.Single(r => r.Form.ContainsKey("leads[status][0][id]"));
        Assert.Equal(AccountState.FirstStageId.ToString(), status.Form["leads[status][0][old_status_id]"]);
        Assert.Equal(AccountState.SecondStageId.ToString(), status.Form["leads[status][0][status_id]"]);
    }

    [Fact]
    public async Task ADeliveryFaultSuppressesDeliveriesWhileTheApiStaysUp()
    {
        await SubscribeAsync("update_lead");
        using var fault = await Client.PostJsonAsync("/__sim/faults", """{"endpoint":"dp","status":503}""");
        using var dp = await Client.SendJsonAsync(HttpMethod.Put, "/__sim/dp",
            $$"""{"statusId":{{AccountState.SecondStageId}},"url":"{{Receiver.Url}}"}""");
        var lead = Simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, $$"""{"status_id":{{AccountState.SecondStageId}}}""");
        await Eventually.TrueAsync(() => Deliveries.All.Count == 2, Wait, "both deliveries to be decided");

        var received = Assert.Single(Receiver.Requests);
        Assert.True(received.Form.ContainsKey("leads[update][0][id]"));
        Assert.Equal(-1, Deliveries.All.Single(d => d.Kind == "dp").Status);
    }
}
