using System.Net;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.Simulator.Amo;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Probes;

[Trait("Ring", "Integration")]
public sealed class EndToEndCheckTests
{
    [Fact]
    public async Task HookIsTheTimeUntilTheWebhookOfOurOwnWriteArrives()
    {
        await using var rig = await ProberRig.StartAsync(o =>
        {
            o.DegradedMs["HOOK"] = 1_000;
            o.DeliveryDeadlineMs = 10_000;
        });
        Assert.Equal(Outcome.Up, (await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);
        await FaultAsync(rig, """{"endpoint":"webhooks","latencyMs":300}""");

        var slowish = await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None);
        await FaultAsync(rig, """{"endpoint":"webhooks","latencyMs":1500}""");
        var slow = await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None);

        // The delivery's delay is in the result (lower bounds only: a loaded machine only adds time; 10 ms for
        // timer granularity and the whole-millisecond stamps at both ends).
        Assert.NotEqual(Outcome.Down, slowish.Outcome);
        Assert.True(slowish.ResponseTimeMs >= 290, $"{slowish.ResponseTimeMs} ms");
        Assert.Equal(Outcome.Degraded, slow.Outcome);
        Assert.InRange(slow.ResponseTimeMs!.Value, 1_490, rig.Account.Settings.DeliveryDeadlineMs);
        Assert.Equal(200, slow.HttpStatus);
    }

    [Fact]
    public async Task NoDeliveryWithinTheDeadlineIsDown()
    {
        await using var rig = await ProberRig.StartAsync(o => o.DeliveryDeadlineMs = 3_000);
        Assert.Equal(Outcome.Up, (await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);
        await FaultAsync(rig, """{"endpoint":"webhooks","status":503}""");

        var result = await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal(Outcome.Down, result.Outcome);
        Assert.Equal(3_000, result.ResponseTimeMs);
        Assert.StartsWith("No webhook delivery within 3000 ms", result.ErrorMessage);
        Assert.Equal(0, rig.Waiters.Count);
    }

    [Fact]
    public async Task AMissedDeliveryBecauseOurOwnReceiverIsUnreachableIsSaidToBeOurs()
    {
        var closed = $"http://127.0.0.1:{RedisServer.FreePort()}/";
        await using var rig = await ProberRig.StartAsync(o =>
        {
            o.PublicUrl = closed;
            o.DeliveryDeadlineMs = 1_000;
        });

        var result = await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal(Outcome.Down, result.Outcome);
        Assert.Contains("AmoHealth's own webhook receiver is not reachable", result.ErrorMessage);
    }

    [Fact]
    public async Task AHookThatAmoCrmDisabledIsReportedAndSubscribedAgain()
    {
        await using var rig = await ProberRig.StartAsync(o => o.DeliveryDeadlineMs = 3_000);
        Assert.Equal(Outcome.Up, (await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);
        rig.Simulator.Account.Webhooks[rig.Options.ReceiverUrl("rig")].Disabled = true;

        var disabled = await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None);
        var next = await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal(Outcome.Down, disabled.Outcome);
        Assert.Contains("amoCRM disabled our webhook", disabled.ErrorMessage);
        Assert.DoesNotContain(ProberRig.Secret, disabled.ErrorMessage);
        Assert.Equal(Outcome.Up, next.Outcome);
        Assert.False(rig.Simulator.Account.Webhooks[rig.Options.ReceiverUrl("rig")].Disabled);
    }

    [Fact]
    public async Task AFailedWriteIsAFailedHookCheck()
    {
        await using var rig = await ProberRig.StartAsync();
        Assert.Equal(Outcome.Up, (await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);
        await FaultAsync(rig, """{"endpoint":"leads","status":500,"count":1}""");

        var result = await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal((Outcome.Down, 500), (result.Outcome, result.HttpStatus));
        Assert.StartsWith("The write that should trigger the webhook failed", result.ErrorMessage);
    }

    [Fact]
    public async Task ADeliveryThatArrivesBeforeTheWritesOwnResponseStillCounts()
    {
        var waiters =
            new DeliveryWaiters(Microsoft.Extensions.Logging.Abstractions.NullLogger<DeliveryWaiters>.Instance);
        var options = new MonitorOptions
        {
            TimeoutMs = 5_000, CheckIntervalMs = 30_000, MaxRequestsPerSecond = 5, TestLeadId = 77,
            HookSecret = ProberRig.Secret, HookMode = HookMode.E2e, DeliveryDeadlineMs = 3_000,
        };
        await using var receiver = await LoopbackServer.StartAsync(
            services =>
            {
                services.AddSingletonInstance(waiters);
                services.AddSingletonInstance<IDeliveryRelay>(new LocalDeliveryRelay());
                services.AddSingletonInstance(Microsoft.Extensions.Options.Options.Create(options));
                services.AddSingletonInstance(TimeProvider.System);
            },
            app => app.MapHookReceiver());
        options.PublicUrl = receiver.BaseUri.ToString();
        // An amoCRM that delivers the webhook and waits for the receiver before it answers the PATCH.
        await using var eager = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Method == "GET")
            {
                context.Response.ContentType = "application/hal+json";
                await context.Response.WriteAsync(
                    $$$"""{"_embedded":{"webhooks":[{"destination":"{{{options.ReceiverUrl("eager")}}}","disabled":"""
                        + "false}]}}");
                return;
            }

            var patch = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            var name = patch.RootElement.GetProperty("name").GetString()!;
            using var http = new HttpClient();
            using var delivered = await http.PostAsync(options.ReceiverUrl("eager"), new FormUrlEncodedContent(
            [
                new("leads[update][0][id]", "77"),
                new("leads[update][0][name]", name),
            ]));
            context.Response.ContentType = "application/hal+json";
            await context.Response.WriteAsync("""{"id":77,"updated_at":1}""");
        });
        var client = ProbeClients.Create(options);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        using var database = new TempDatabase();
        await database.MigrateAsync();
        var probe = new HookProbe(client, TestLeadsFactory.Create(client, database, options),
            new EndToEnd(client, waiters, wrapped, TimeProvider.System, new PlainHttpClients()), wrapped);

        var result = await probe.ProbeAsync(new AmoAccount("eager", eager.BaseUri, "t"), CancellationToken.None);

        Assert.True(result.Outcome == Outcome.Up, result.ErrorMessage);
    }

    [Fact]
    public async Task DpIsTheTimeUntilTheDigitalPipelineWebhookArrivesAfterAStageMove()
    {
        await using var rig = await ProberRig.StartAsync();
        await rig.Control.DeleteAsync("/__sim/requests");

        var results = new List<ProbeResult>();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            results.Add(await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None));
        }

        Assert.All(results, r => Assert.True(r.Outcome == Outcome.Up, r.ErrorMessage));
        var requests = (await (await rig.Control.GetAsync("/__sim/requests")).JsonAsync()).EnumerateArray().ToList();
        // Per cycle: back to the return stage, then into the DP stage. One lead created once.
        Assert.Equal(6, requests.Count(r => r.GetProperty("method").GetString() == "PATCH"));
        Assert.Equal(1,
            requests.Count(r => r.GetProperty("method").GetString() == "POST"
                && r.GetProperty("endpoint").GetString() == "leads"));
        // The simulator logs a delivery once our receiver's answer is back, which can be just after the probe returned.
        await Eventually.GetAsync(async () =>
        {
            var deliveries = (await (await rig.Control.GetAsync("/__sim/deliveries")).JsonAsync()).EnumerateArray();
            return deliveries.Count(d => d.GetProperty("kind").GetString() == "dp"
                && d.GetProperty("status").GetInt32() == 200) == 3
                ? new object()
                : null;
        }, TimeSpan.FromSeconds(10), "three answered DP deliveries");
        Assert.Equal(AccountState.SecondStageId, Assert.Single(rig.Simulator.Account.Leads.Values).StatusId);
    }

    [Fact]
    public async Task DpWithoutItsDigitalPipelineActionIsDownAndSaysWhatToCheck()
    {
        await using var rig = await ProberRig.StartAsync(o => o.DeliveryDeadlineMs = 800, withDpAction: false);

        var result = await rig.Dp.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal(Outcome.Down, result.Outcome);
        Assert.Contains($"stage {AccountState.SecondStageId}", result.ErrorMessage);
        Assert.DoesNotContain(ProberRig.Secret, result.ErrorMessage);
    }

    [Fact]
    public async Task TheReceiverAnswersAmoCrmAtOnceAndHidesBehindItsSecret()
    {
        await using var rig = await ProberRig.StartAsync();
        using var http = new HttpClient();
        var form = new FormUrlEncodedContent([new("leads[update][0][id]", "1")]);

        using var wrong = await http.PostAsync(new Uri(rig.Receiver.BaseUri, "/hooks/amocrm/not-the-secret"), form);
        using var right = await http.PostAsync(rig.Options.ReceiverUrl("rig"), form);
        using var json =
            await http.PostAsync(rig.Options.ReceiverUrl("rig"),
                new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
    }

    private static async Task FaultAsync(ProberRig rig, string json)
    {
        await rig.Control.DeleteAsync("/__sim/faults");
        using var response = await rig.Control.PostJsonAsync("/__sim/faults", json);
        response.EnsureSuccessStatusCode();
    }
}
