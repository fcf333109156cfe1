using System.Diagnostics.Metrics;
using System.Text.Json;
using AmoHealth.Core.Live;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>
/// Several Probers pass webhook deliveries to each other over Redis: only match keys travel, and what is read
/// there is an input like any other (malformed, oversized or a lie is dropped and counted, never thrown).
/// </summary>
[Trait("Ring", "Integration")]
public sealed class HookRelayTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(LiveChannels.Hooks);

    [Fact]
    public async Task TheRelayCarriesOnlyMatchKeysNeverACustomersFields()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await connection.GetSubscriber().SubscribeAsync(Channel, (_, message) => heard.Enqueue(message.ToString()));
        await using var receiver = await StartReceiverAsync(connection, _ => { });
        using var http = new HttpClient();
        var name = ProbeMarker.NewName(out var marker);

        using var update = await http.PostAsync(receiver.Options.ReceiverUrl("main"),
            new FormUrlEncodedContent(AmoForms.Update(3, customFields: 20, own: (2, 4242, name))));
        using var move = await http.PostAsync(receiver.Options.ReceiverUrl("main", dp: true),
            new FormUrlEncodedContent(AmoForms.Moves(10, 7000101, 7000102, own: (7, 4242))));
        await Eventually.TrueAsync(() => heard.Count >= 2, TimeSpan.FromSeconds(10), "both deliveries relayed");

        var texts = heard.SelectMany(m => Strings(JsonDocument.Parse(m).RootElement)).ToList();
        Assert.DoesNotContain(texts, t => t.Contains("Ромашка", StringComparison.Ordinal)
            || t.Contains("перезвонить", StringComparison.Ordinal)
            || t.Contains("custom_fields", StringComparison.Ordinal) || t.Contains("горячий", StringComparison.Ordinal)
            || t.Contains("busy", StringComparison.Ordinal) || t.Contains("price", StringComparison.Ordinal));
        Assert.All(heard, m => Assert.True(m.Length < 4_000, $"{m.Length} characters relayed"));
        var hook = JsonDocument.Parse(heard.First(m => m.Contains(marker, StringComparison.Ordinal))).RootElement;
        var only = Assert.Single(hook.GetProperty("leads").EnumerateArray());
        Assert.Equal(4242, only.GetProperty("id").GetInt64());
        Assert.Equal(marker, only.GetProperty("marker").GetString());
    }

    [Fact]
    public async Task MalformedRelayMessagesAreDroppedAndCountedAndTheRelayGoesOnDelivering()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        IServiceProvider? services = null;
        await using var receiver = await StartReceiverAsync(connection, s => services = s);
        var dropped = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "amohealth.redis.dropped"
                && instrument.Meter.Scope == services!.GetRequiredService<IMeterFactory>())
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Contains(new KeyValuePair<string, object?>("channel", LiveChannels.Hooks)))
            {
                Interlocked.Add(ref dropped, value);
            }
        });
        listener.Start();
        var waiters = services!.GetRequiredService<DeliveryWaiters>();
        using var waiting = waiters.Register("main", d => d.Leads.Any(l => l.Id == 42 && l.StatusId == 7));
        waiting.CountFrom(0);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        await Eventually.TrueAsync(() => server.SubscriptionSubscriberCount(Channel) >= 1, TimeSpan.FromSeconds(20),
            "the relay subscribed");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string Valid(
            string kind = "dp",
            string leads = """[{"event":"status","id":42,"marker":null,"statusId":7,"oldStatusId":6}]""",
            long? at = null) =>
            $$"""{"origin":"other","kind":"{{kind}}","account":"main","leads":{{leads}},"receivedAt":{{at ?? now}}}""";
        string[] garbage =
        [
            "", "not json", "{", "[]", "null", "{}", "42", new string('x', 1_000_000),
            Valid(leads: "[" + string.Join(",",
                Enumerable.Repeat("""{"event":"status","id":42,"marker":null,"statusId":7,"oldStatusId":6}""",
                    20_000)) + "]"),
            """{"Origin":"o","Kind":"dp","Account":"main","Form":"""
                + $$"""{"leads[status][0][id]":"42"},"ReceivedAt":{{now}}}""",
            Valid(leads: "\"x\""), Valid(leads: """[{"event":"status","id":"42"}]"""),
            Valid(leads: "[]"), Valid(kind: "zzz"),
            Valid(at: now + 86_400_000), Valid(leads: """[{"event":"status","id":-42,"statusId":7}]"""),
            Valid(leads: """[{"event":"update","id":42,"marker":"Иванов Пётр"}]"""),
            Valid(leads: """[{"event":"deleted","id":42}]"""),
        ];

        foreach (var message in garbage)
        {
            await connection.GetSubscriber().PublishAsync(Channel, message);
        }

        await connection.GetSubscriber().PublishAsync(Channel, Valid());
        var arrived = await waiting.Arrived.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(now, arrived);
        Assert.Equal(garbage.Length, Interlocked.Read(ref dropped));
    }

    private async Task<Receiver> StartReceiverAsync(IConnectionMultiplexer connection, Action<IServiceProvider> seen)
    {
        var options = new MonitorOptions { HookSecret = ProberRig.Secret };
        var server = await LoopbackServer.StartAsync(
            services =>
            {
                services.AddSingleton(connection);
                services.AddSingleton(new DeliveryWaiters(
                    Microsoft.Extensions.Logging.Abstractions.NullLogger<DeliveryWaiters>.Instance));
                services.AddSingleton<RedisDeliveryRelay>();
                services.AddSingleton<IDeliveryRelay>(sp => sp.GetRequiredService<RedisDeliveryRelay>());
                services.AddHostedService(sp => sp.GetRequiredService<RedisDeliveryRelay>());
                services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
                services.AddSingleton(TimeProvider.System);
                services.AddMetrics();
                services.AddLiveInput("AmoHealth.Prober");
                services.AddLogging(logging => logging.ClearProviders());
            },
            app =>
            {
                app.MapHookReceiver();
                seen(app.Services);
            });
        options.PublicUrl = server.BaseUri.ToString();
        return new Receiver(server, options);
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    private sealed record Receiver(LoopbackServer Server, MonitorOptions Options) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
