using System.Diagnostics;
using System.Net;
using System.Text;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Simulator;

[Trait("Ring", "Integration")]
public sealed class ControlApiTests : IDisposable
{
    private readonly SimulatorHost _simulator = SimulatorHost.With();
    private readonly HttpClient _client;

    public ControlApiTests() => _client = _simulator.CreateAmoClient();

    public void Dispose()
    {
        _client.Dispose();
        _simulator.Dispose();
    }

    [Fact]
    public async Task AStatusFaultAnswersWithAmoCrmsBodyForTheNextNRequestsOnly()
    {
        await AddFaultAsync("""{"endpoint":"account","status":503,"count":2}""");
        await AddFaultAsync("""{"endpoint":"leads","status":500}""");

        var account = new[] { await _client.GetAsync("/api/v4/account"), await _client.GetAsync("/api/v4/account"),
            await _client.GetAsync("/api/v4/account") };
        using var leads = await _client.GetAsync("/api/v4/leads");

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            account.Select(r => r.StatusCode));
        Assert.Equal("text/html", account[0].Content.Headers.ContentType?.MediaType);
        Assert.Contains("nginx", await account[0].Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, leads.StatusCode);
        Assert.Equal("An unknown error occurred.", (await leads.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ALatencyFaultDelaysTheAnswer()
    {
        await AddFaultAsync("""{"endpoint":"web","latencyMs":400}""");

        var watch = Stopwatch.StartNew();
        using var page = await _client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 390, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task ATimeoutFaultNeverAnswersAndAResetFaultDropsTheConnection()
    {
        await AddFaultAsync("""{"endpoint":"account","mode":"timeout","count":1}""");
        await AddFaultAsync("""{"endpoint":"webhooks","mode":"reset","count":1}""");
        using var impatient = _simulator.CreateAmoClient();
        impatient.Timeout = TimeSpan.FromSeconds(1);

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync("/api/v4/account"));
        await Assert.ThrowsAsync<HttpRequestException>(() => _client.GetAsync("/api/v4/webhooks"));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/v4/account")).StatusCode);
    }

    [Fact]
    public async Task ThrottleAndBlockModesAnswerLikeAmoCrmsLimits()
    {
        await AddFaultAsync("""{"endpoint":"leads","mode":"throttle","format":"html","count":1}""");
        using var throttled = await _client.GetAsync("/api/v4/leads");
        await AddFaultAsync("""{"endpoint":"account","mode":"block","count":1}""");
        using var blocked = await _client.GetAsync("/api/v4/account");
        using var stillBlocked = await _client.GetAsync("/api/v4/leads");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("text/html", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stillBlocked.StatusCode);
        var faults = await (await _client.GetAsync("/__sim/faults")).JsonAsync();
        Assert.True(faults.GetProperty("blocked").GetBoolean());
    }

    [Fact]
    public async Task AnAllFaultHitsEveryAmoCrmEndpointButNeverTheControlApi()
    {
        await AddFaultAsync("""{"endpoint":"all","status":502}""");

        Assert.Equal(HttpStatusCode.BadGateway, (await _client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await _client.GetAsync("/api/v4/account")).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await _client.PostJsonAsync("/oauth2/access_token", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/__sim/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/__sim/faults")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/v4/account")).StatusCode);
    }

    [Theory]
    [InlineData("""{"endpoint":"nowhere","status":503}""", "endpoint")]
    [InlineData("""{"status":503}""", "endpoint")]
    [InlineData("""{"endpoint":"account"}""", "status")]
    [InlineData("""{"endpoint":"account","status":503,"latencyMs":10}""", "status")]
    [InlineData("""{"endpoint":"account","status":"503"}""", "status")]
    [InlineData("""{"endpoint":"account","status":99}""", "status")]
    [InlineData("""{"endpoint":"account","latencyMs":-1}""", "latencyMs")]
    [InlineData("""{"endpoint":"account","mode":"explode"}""", "mode")]
    [InlineData("""{"endpoint":"account","mode":"throttle","format":"xml"}""", "format")]
    [InlineData("""{"endpoint":"account","status":503,"count":0}""", "count")]
    [InlineData("""{"endpoint":"account","status":503,"colour":"red"}""", "colour")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""nonsense""", "body")]
    public async Task BadFaultInputIs400NamingTheField(string body, string field)
    {
        using var response = await _client.PostJsonAsync("/__sim/faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(field == "body" ? "JSON" : field, problem.GetProperty("detail").GetString());
        Assert.Empty((await (await _client.GetAsync("/__sim/faults")).JsonAsync()).GetProperty("faults")
            .EnumerateArray());
    }

    [Fact]
    public async Task RequestsToAmoCrmAreRecordedWithMethodPathTimeAndStatus()
    {
        await _client.DeleteAsync("/__sim/requests");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await _client.GetAsync("/api/v4/account");
        await _client.PostJsonAsync("/api/v4/leads", "[{}]");
        await _client.GetAsync("/api/v4/leads/1");
        var requests = (await (await _client.GetAsync("/__sim/requests")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(
            ["GET /api/v4/account 200 account", "POST /api/v4/leads 200 leads", "GET /api/v4/leads/1 204 leads"],
            requests.Select(r =>
                $"{r.GetProperty("method").GetString()} {r.GetProperty("path").GetString()} " +
                    $"{r.GetProperty("status").GetInt32()} {r.GetProperty("endpoint").GetString()}"));
        Assert.All(requests, r => Assert.InRange(r.GetProperty("time").GetInt64(), before, before + 60_000));
    }

    [Fact]
    public async Task MattermostAcceptsJsonAndFormPostsAndRecordsWhenTheyArrived()
    {
        await _client.DeleteAsync("/__sim/mattermost/messages");

        using var json = await _client.PostJsonAsync("/hooks/demo", """{"text":"🔴 GET down"}""");
        using var form = await _client.PostAsync("/hooks/demo",
            new FormUrlEncodedContent(
                [new("payload", """{"attachments":[{"fallback":"x","text":"✅ restored"}]}""")]));
        using var unknownHook = await _client.PostJsonAsync("/hooks/nope", """{"text":"x"}""");
        using var noText = await _client.PostJsonAsync("/hooks/demo", """{"channel":"x"}""");
        using var broken = await _client.PostJsonAsync("/hooks/demo", "{");
        var messages = (await (await _client.GetAsync("/__sim/mattermost/messages")).JsonAsync()).EnumerateArray()
            .ToList();

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("ok", await json.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownHook.StatusCode);
        Assert.Equal("web.incoming_webhook.invalid.app_error", (await unknownHook.JsonAsync()).GetProperty("id")
            .GetString());
        Assert.Equal("web.incoming_webhook.text.app_error", (await noText.JsonAsync()).GetProperty("id").GetString());
        Assert.Equal("model.incoming_hook.parse_data.app_error", (await broken.JsonAsync()).GetProperty("id")
            .GetString());
        Assert.Equal(2, messages.Count);
        Assert.Equal("🔴 GET down", messages[0].GetProperty("payload").GetProperty("text").GetString());
        Assert.True(messages[0].GetProperty("receivedAt").GetInt64() > 1_700_000_000_000);
    }

    [Fact]
    public async Task MattermostCanBeMadeToFailUntilCleared()
    {
        await _client.DeleteAsync("/__sim/mattermost/messages");
        using var set = await _client.PostJsonAsync("/__sim/mattermost/fault", """{"status":500}""");

        using var failed = await _client.PostJsonAsync("/hooks/demo", """{"text":"lost?"}""");
        using var clear = await _client.DeleteAsync("/__sim/mattermost/fault");
        using var delivered = await _client.PostJsonAsync("/hooks/demo", """{"text":"delivered"}""");
        using var badFault = await _client.PostJsonAsync("/__sim/mattermost/fault", """{"status":200}""");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFault.StatusCode);
        var messages = (await (await _client.GetAsync("/__sim/mattermost/messages")).JsonAsync()).EnumerateArray();
        Assert.Equal(["delivered"], messages.Select(m => m.GetProperty("payload").GetProperty("text").GetString()));
    }

    private async Task AddFaultAsync(string json)
    {
        using var response = await _client.PostAsync("/__sim/faults",
            new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
