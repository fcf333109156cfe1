using System.Globalization;
using System.Net;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Simulator;

/// <summary>The Simulator's busy account: amoCRM's traffic for an account where many other leads change.</summary>
[Trait("Ring", "Integration")]
public sealed class BusyModeTests
{
    [Fact]
    public async Task ABusyAccountPostsBatchesOfOtherLeadsWithManyCustomFieldsToEverySubscribedWebhook()
    {
        await using var simulator = SimulatorHost.With(new() { ["Simulator:Busy:MaxCustomFields"] = "150" });
        using var client = simulator.CreateAmoClient();
        await using var receiver = await WebhookReceiver.StartAsync();
        using (var subscribed = await client.PostJsonAsync("/api/v4/webhooks",
            $$"""{"destination":"{{receiver.Url}}","settings":["update_lead"]}"""))
        {
            subscribed.EnsureSuccessStatusCode();
        }

        using (var on = await client.SendJsonAsync(HttpMethod.Put, "/__sim/busy", """{"perSecond":40,"maxLeads":25}"""))
        {
            on.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(() => receiver.Requests.Count >= 30, TimeSpan.FromSeconds(60), "30 busy deliveries");
        using var off = await client.DeleteAsync("/__sim/busy");
        var setting = await (await client.GetAsync("/__sim/busy")).JsonAsync();

        var requests = receiver.Requests.Take(30).ToList();
        Assert.All(requests, r => Assert.Equal(("application/x-www-form-urlencoded", "amoCRM-Webhooks/3.0", "demo"),
            (r.ContentType, r.UserAgent, r.Form["account[subdomain]"])));
        Assert.Contains(requests, r => r.Form.ContainsKey("leads[update][5][id]"));
        Assert.Contains(requests, r =>
            r.Form.Keys.Count(k => k.StartsWith("leads[update][0][custom_fields]", StringComparison.Ordinal)
            && k.EndsWith("][id]", StringComparison.Ordinal)) >= 100);
        Assert.All(requests, r => Assert.Contains(r.Form.Values, v => v.Any(c => c is >= 'А' and <= 'я')));
        Assert.All(requests, r =>
            Assert.False(
            simulator.Account.Leads.ContainsKey(
            long.Parse(r.Form["leads[update][0][id]"], CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.Equal(0, setting.GetProperty("perSecond").GetDouble());
        Assert.True(setting.GetProperty("sent").GetInt64() >= 30);
    }

    [Theory]
    [InlineData("""{"perSecond":-1}""", "perSecond")]
    [InlineData("""{"perSecond":5,"maxLeads":2.5}""", "maxLeads")]
    [InlineData("""{"maxCustomFields":5000}""", "maxCustomFields")]
    [InlineData("""{"ownLeadAt":"7"}""", "ownLeadAt")]
    [InlineData("""{"rate":5}""", "rate")]
    [InlineData("""[]""", "body")]
    public async Task ABadBusySettingIsRefusedNamingTheField(string body, string field)
    {
        await using var simulator = SimulatorHost.With();
        using var client = simulator.CreateAmoClient();

        using var answer = await client.SendJsonAsync(HttpMethod.Put, "/__sim/busy", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(field, (await answer.JsonAsync()).GetProperty("field").GetString());
    }
}
