using System.Net;
using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Webhooks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Simulator;

[Trait("Ring", "Integration")]
public sealed class WebhookTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private SimulatorHost _simulator = null!;
    private HttpClient _client = null!;
    private WebhookReceiver _receiver = null!;

    private DeliveryLog Deliveries => _simulator.Services.GetRequiredService<DeliveryLog>();

    public async Task InitializeAsync()
    {
        _simulator = SimulatorHost.With(time: _time);
        _client = _simulator.CreateAmoClient();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _client.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task WebhooksAreListedUpsertedByDestinationAndDeleted()
    {
        using var created = await _client.PostJsonAsync("/api/v4/webhooks", $$"""{"destination":"{{_receiver.Url}}","settings":["add_lead"],"sort":10}""");
        using var upserted = await _client.PostJsonAsync("/api/v4/webhooks", $$"""{"destination":"{{_receiver.Url}}","settings":["update_lead","status_lead"]}""");
        var listed = await (await _client.GetAsync($"/api/v4/webhooks?filter[destination]={_receiver.Url}")).JsonAsync();
        using var otherFilter = await _client.GetAsync("/api/v4/webhooks?filter[destination]=https://elsewhere.example/");
        using var deleted = await _client.SendJsonAsync(HttpMethod.Delete, "/api/v4/webhooks", $$"""{"destination":"{{_receiver.Url}}"}""");
        using var deletedAgain = await _client.SendJsonAsync(HttpMethod.Delete, "/api/v4/webhooks", $$"""{"destination":"{{_receiver.Url}}"}""");
        using var empty = await _client.GetAsync("/api/v4/webhooks");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = await created.JsonAsync();
        Assert.False(hook.GetProperty("disabled").GetBoolean());
        Assert.Equal(hook.GetProperty("id").GetInt64(), (await upserted.JsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal(1, listed.GetProperty("_total_items").GetInt32());
        var only = listed.GetProperty("_embedded").GetProperty("webhooks")[0];
        Assert.Equal(["update_lead", "status_lead"], only.GetProperty("settings").EnumerateArray().Select(s => s.GetString()));
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
        using var response = await _client.PostJsonAsync("/api/v4/webhooks", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("validation-errors")[0].GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("path").GetString() == path);
    }

    [Fact]
    public async Task OnlyAdminTokensManageWebhooks()
    {
        var token = (await (await _client.PostJsonAsync("/__sim/tokens", """{"admin":false}""")).JsonAsync()).GetProperty("access_token").GetString();
        using var user = _simulator.CreateAmoClient(token);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v4/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v4/account")).StatusCode);
    }

    [Fact]
    public async Task ALeadUpdateIsDeliveredFormEncodedWithAmoCrmsHeadersAndBracketKeys()
    {
        await SubscribeAsync("update_lead", "status_lead");
        var lead = _simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, $$"""{"status_id":{{AccountState.SecondStageId}}}""");
        await Eventually.TrueAsync(() => _receiver.Requests.Count == 2, Wait, "the update and status deliveries");

        var update = _receiver.Requests.Single(r => r.Form.ContainsKey("leads[update][0][id]"));
        Assert.Equal("application/x-www-form-urlencoded", update.ContentType);
        Assert.Equal("amoCRM-Webhooks/3.0", update.UserAgent);
        Assert.True(Guid.TryParse(update.RequestId, out _));
        Assert.Equal(lead.Id.ToString(), update.Form["leads[update][0][id]"]);
        Assert.Equal("demo", update.Form["account[subdomain]"]);
        Assert.Equal(AccountState.AccountId.ToString(), update.Form["account[id]"]);
        var status = _receiver.Requests.Single(r => r.Form.ContainsKey("leads[status][0][id]"));
        Assert.Equal(AccountState.FirstStageId.ToString(), status.Form["leads[status][0][old_status_id]"]);
        Assert.Equal(AccountState.SecondStageId.ToString(), status.Form["leads[status][0][status_id]"]);
    }

    [Fact]
    public async Task AServerErrorIsRetriedAfter5And15And15MinutesAndAnHourThenGivenUp()
    {
        _receiver.Status = 500;
        await SubscribeAsync("update_lead");
        var lead = _simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, """{"name":"x"}""");
        await ExpectAttemptsAsync(1);
        foreach (var (wait, attempts) in new[] { (5, 2), (15, 3), (15, 4), (60, 5) })
        {
            _time.Advance(TimeSpan.FromMinutes(wait) - TimeSpan.FromSeconds(1));
            await Task.Delay(100);
            Assert.Equal(attempts - 1, _receiver.Requests.Count);
            _time.Advance(TimeSpan.FromSeconds(1));
            await ExpectAttemptsAsync(attempts);
        }

        _time.Advance(TimeSpan.FromHours(3));
        await Task.Delay(200);
        Assert.Equal(5, _receiver.Requests.Count);
        Assert.Equal([1, 2, 3, 4, 5], Deliveries.All.Select(d => d.Attempt));
    }

    [Fact]
    public async Task AClientErrorIsRetriedOnlyTwice()
    {
        _receiver.Status = 404;
        await SubscribeAsync("update_lead");
        var lead = _simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, """{"name":"x"}""");
        await ExpectAttemptsAsync(1);
        _time.Advance(TimeSpan.FromMinutes(5));
        await ExpectAttemptsAsync(2);
        _time.Advance(TimeSpan.FromMinutes(15));
        await ExpectAttemptsAsync(3);
        _time.Advance(TimeSpan.FromHours(3));
        await Task.Delay(200);

        Assert.Equal(3, _receiver.Requests.Count);
    }

    [Fact]
    public async Task AReceiverSlowerThanTwoSecondsCountsAsFailed()
    {
        _receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SubscribeAsync("update_lead");
        var lead = _simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, """{"name":"x"}""");
        await Eventually.TrueAsync(() => _receiver.Requests.Count == 1, Wait, "the first attempt");
        _time.Advance(TimeSpan.FromSeconds(2));

        await Eventually.TrueAsync(() => Deliveries.All.Count == 1, Wait, "the attempt to be judged");
        Assert.Equal(0, Deliveries.All.Single().Status);
        _receiver.Hold = null;
        _time.Advance(TimeSpan.FromMinutes(5));
        await ExpectAttemptsAsync(2);
    }

    [Fact]
    public async Task MoreThanAHundredInvalidAnswersInTwoHoursDisableTheHook()
    {
        _receiver.Status = 400;
        await SubscribeAsync("update_lead");
        var lead = _simulator.Account.AddLead("Probe", null, 0);

        for (var i = 0; i < 101; i++)
        {
            await PatchAsync(lead.Id, $$"""{"price":{{i}}}""");
        }

        await Eventually.TrueAsync(() => Deliveries.All.Count == 101, TimeSpan.FromSeconds(30), "101 invalid answers");
        var listed = await (await _client.GetAsync("/api/v4/webhooks")).JsonAsync();
        Assert.True(listed.GetProperty("_embedded").GetProperty("webhooks")[0].GetProperty("disabled").GetBoolean());

        await PatchAsync(lead.Id, """{"price":1000}""");
        await Task.Delay(200);
        Assert.Equal(101, _receiver.Requests.Count);

        // Saving the hook again re-enables it, as an admin does in amoCRM.
        _receiver.Status = 200;
        await SubscribeAsync("update_lead");
        await PatchAsync(lead.Id, """{"price":1001}""");
        await ExpectAttemptsAsync(102);
    }

    [Fact]
    public async Task ADigitalPipelineActionFiresOnceWhenALeadEntersItsStageWithoutRetries()
    {
        _receiver.Status = 500;
        using var set = await _client.SendJsonAsync(HttpMethod.Put, "/__sim/dp", $$"""{"statusId":{{AccountState.SecondStageId}},"url":"{{_receiver.Url}}?probe=dp"}""");
        var lead = _simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, """{"name":"no stage change"}""");
        await PatchAsync(lead.Id, $$"""{"status_id":{{AccountState.SecondStageId}}}""");
        await ExpectAttemptsAsync(1);
        _time.Advance(TimeSpan.FromHours(2));
        await Task.Delay(200);

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var delivery = Assert.Single(_receiver.Requests);
        Assert.Equal("/amo?probe=dp", delivery.Path);
        Assert.Equal(lead.Id.ToString(), delivery.Form["leads[status][0][id]"]);
        Assert.Equal(AccountState.FirstStageId.ToString(), delivery.Form["leads[status][0][old_status_id]"]);
        Assert.Equal(AccountState.SecondStageId.ToString(), delivery.Form["leads[status][0][status_id]"]);
        Assert.Equal(AccountState.PipelineId.ToString(), delivery.Form["leads[status][0][pipeline_id]"]);
    }

    [Fact]
    public async Task ADeliveryFaultSuppressesDeliveriesWhileTheApiStaysUp()
    {
        await SubscribeAsync("update_lead");
        using var fault = await _client.PostJsonAsync("/__sim/faults", """{"endpoint":"dp","status":503}""");
        using var dp = await _client.SendJsonAsync(HttpMethod.Put, "/__sim/dp", $$"""{"statusId":{{AccountState.SecondStageId}},"url":"{{_receiver.Url}}"}""");
        var lead = _simulator.Account.AddLead("Probe", null, 0);

        await PatchAsync(lead.Id, $$"""{"status_id":{{AccountState.SecondStageId}}}""");
        await Eventually.TrueAsync(() => Deliveries.All.Count == 2, Wait, "both deliveries to be decided");

        var received = Assert.Single(_receiver.Requests);
        Assert.True(received.Form.ContainsKey("leads[update][0][id]"));
        Assert.Equal(-1, Deliveries.All.Single(d => d.Kind == "dp").Status);
    }

    private async Task SubscribeAsync(params string[] settings)
    {
        var list = string.Join(",", settings.Select(s => $"\"{s}\""));
        using var response = await _client.PostJsonAsync("/api/v4/webhooks", $$"""{"destination":"{{_receiver.Url}}","settings":[{{list}}]}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task PatchAsync(long id, string body)
    {
        using var response = await _client.SendJsonAsync(HttpMethod.Patch, $"/api/v4/leads/{id}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task ExpectAttemptsAsync(int count) =>
        Eventually.TrueAsync(() => _receiver.Requests.Count == count && Deliveries.All.Count == count, Wait, $"{count} delivery attempts");
}
