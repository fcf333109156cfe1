using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>Each channel is sent to on its own: one that hangs never holds back another's alert.</summary>
[Trait("Ring", "Integration")]
public sealed class ChannelConcurrencyTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        _contexts = await _database.MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
    }

    public async Task DisposeAsync()
    {
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AChannelHangingUntilItsTimeoutNeverDelaysAnotherChannelsAlert()
    {
        var hanging = new BlockingNotifier("webhook");
        var prompt = new RecordingNotifier("mattermost");
        var (dispatcher, _) = Dispatchers.Create(_connections,
            new Notifiers([hanging, prompt], [], NullLogger<Notifiers>.Instance),
            new AlertOptions { GroupWindowSeconds = 0 }, _time);
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var channel in new[] { "webhook", "mattermost" })
            {
                db.Notifications.Add(new NotificationRecord
                {
                    Account = "acme", CheckType = "GET", Kind = "down", Channel = channel, Text = "🔴 GET",
                        CreatedAt = now, NextAttemptAt = now,
                });
            }

            await db.SaveChangesAsync();
        }

        var pass = dispatcher.DeliverDueAsync(CancellationToken.None);
        await hanging.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => !prompt.Sent.IsEmpty, TimeSpan.FromSeconds(10),
            "the Mattermost alert while the webhook hangs");
        hanging.Release("timed out after 30 s");
        await pass.WaitAsync(TimeSpan.FromSeconds(10));

        await using var check = await _contexts.CreateDbContextAsync();
        var rows = await check.Notifications.ToDictionaryAsync(n => n.Channel);
        Assert.NotNull(rows["mattermost"].DeliveredAt);
        Assert.Null(rows["webhook"].DeliveredAt);
        Assert.Equal("timed out after 30 s", rows["webhook"].LastError);
    }
}
