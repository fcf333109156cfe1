using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>What an operator needs from <c>/api/info</c>: where the DP action must point, and whether alerts get
/// out.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class InfoApiTests
{
    private const string Secret = "infosecret0123456789abcd";

    [Fact]
    public async Task TheDigitalPipelineActionUrlIsShownWholeWithTheSecretMasked()
    {
        using var database = new TempDatabase();
        var contexts = await database.MigrateAsync();
        var options = new MonitorOptions
        {
            Domain = "acme.amocrm.ru", AccessToken = "t", Account = "acme", PublicUrl = "https://monitor.example",
                HookSecret = Secret,
            DpStageId = 61234567, DpReturnStageId = 61234566,
        };
        var hints = new ReceiverHints(AmoAccount.AllFrom(options), Microsoft.Extensions.Options.Options.Create(options),
            new ProbeStateStore(((ITestStore)database).CreateConnections()), NullLogger<ReceiverHints>.Instance);
        await hints.StartAsync(CancellationToken.None);
        await hints.ExecuteTask!;

        await using var api = new ApiHost(database.Path, redis: null);
        using var client = api.CreateClient();
        var body = await client.GetStringAsync("/api/info");
        var action = (await (await client.GetAsync("/api/info")).JsonAsync()).GetProperty("dpActions")[0];

        Assert.Equal("acme", action.GetProperty("account").GetString());
        Assert.Equal(61234567, action.GetProperty("stageId").GetInt64());
        Assert.Equal("https://monitor.example/hooks/amocrm/{Monitor:HookSecret}?account=acme&probe=dp",
            action.GetProperty("url").GetString());
        Assert.DoesNotContain(Secret, body);
    }

    [Fact]
    public async Task TheHeartbeatUrlIsPingedEveryCycle()
    {
        var pings = 0;
        await using var heartbeat = await LoopbackServer.StartAsync(context =>
        {
            Interlocked.Increment(ref pings);
            return context.Response.WriteAsync("ok");
        });
        using var database = new TempDatabase();
        await using var simulator = SimulatorHost.With();
        await using var prober = ProberHost.For(simulator, database, new()
        {
            ["CHECK_INTERVAL"] = "1000",
            ["Monitor:HeartbeatUrl"] = new Uri(heartbeat.BaseUri, "/ping/abc").ToString(),
        });
        using var client = prober.CreateClient();

        await Eventually.TrueAsync(() => Volatile.Read(ref pings) >= 3, TimeSpan.FromSeconds(20),
            "three heartbeat pings");
    }
}
