using System.Collections.Concurrent;
using System.Text.Json;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>A named extra channel (<c>Alerts:Channels:&lt;name&gt;</c>) is found by its name and gets only the rows
/// addressed to it; the normal channels keep getting theirs.</summary>
[Trait("Ring", "Integration")]
public sealed class NamedChannelTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentQueue<(string Path, string? Text)> _received = new();
    private LoopbackServer _receiver = null!;
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        _receiver = await LoopbackServer.StartAsync(async context =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            _received.Enqueue((context.Request.Path.Value!, body.GetProperty("text").GetString()));
            context.Response.StatusCode = 200;
        });
        _contexts = await _database.MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ANamedChannelReceivesOnlyTheRowsAddressedToIt()
    {
        var registered = new List<string?>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Webhook:Url"] = new Uri(_receiver.BaseUri, "/normal").ToString(),
            ["Alerts:Channels:oncall:Type"] = "webhook",
            ["Alerts:Channels:oncall:Url"] = new Uri(_receiver.BaseUri, "/oncall?token=s3cr3t-value").ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddHttpClient().AddSingleton<IConfiguration>(configuration);
        services.AddAlertChannels(configuration);
        services.AddNamedChannels(registered.Add, registered.Add);
        await using var provider = services.BuildServiceProvider();
        var notifiers = provider.GetRequiredService<Notifiers>();
        await EnqueueAsync(("webhook", NotificationKinds.Down, "🔴 GET"), ("oncall", "escalated", "🚨 GET"),
            ("webhook", NotificationKinds.Restored, "✅ GET"));

        var delivered = await Dispatchers.Create(_connections, notifiers, new AlertOptions { GroupWindowSeconds = 0 },
            _time).Dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(3, delivered);
        Assert.Equal(["webhook"], notifiers.Enabled.Select(n => n.Name));
        Assert.Equal(["oncall", "webhook"], notifiers.ByName.Keys.Order());
        Assert.Equal([("/oncall", "🚨 GET")], _received.Where(r => r.Path == "/oncall"));
        Assert.Equal(["🔴 GET", "✅ GET"], _received.Where(r => r.Path == "/normal").Select(r => r.Text));
        Assert.Contains(configuration["Alerts:Channels:oncall:Url"], registered);
    }

    private async Task EnqueueAsync(params (string Channel, string Kind, string Text)[] rows)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var incident = new IncidentRecord { Account = "acme", CheckType = "GET", Kind = Outcome.Down,
            StartTime = now, CreatedAt = now };
        db.Incidents.Add(incident);
        foreach (var (channel, kind, text) in rows)
        {
            db.Notifications.Add(new NotificationRecord
            {
                Account = "acme", CheckType = "GET", Incident = incident, Kind = kind, Text = text, CreatedAt = now,
                NextAttemptAt = now, Channel = channel,
            });
        }

        await db.SaveChangesAsync();
    }
}
