using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>"AmoHealth is not probing" from the Prober: per account, through every channel, once each way.</summary>
[Trait("Ring", "Integration")]
public sealed class ProbingWatchTests : IAsyncLifetime
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
    public async Task AnAccountWhoseChecksStopWhileOthersGoOnGetsOneWarningAndOneAllClearOnEveryChannel()
    {
        var channels = new[] { new RecordingNotifier("mattermost"), new RecordingNotifier("telegram"),
            new RecordingNotifier("webhook") };
        var (dispatcher, _) = Dispatchers.Create(_connections,
            new Notifiers(channels, [], NullLogger<Notifiers>.Instance), new AlertOptions(), _time);
        var watch = ProbingWatches.Create(_connections, channels, _time, null);
        await SetLastCheckAsync("acme", _time.GetUtcNow());
        await SetLastCheckAsync("beta", _time.GetUtcNow());
        Assert.True(await watch.RunOnceAsync(CancellationToken.None));

        for (var look = 0; look < 12; look++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await SetLastCheckAsync("beta", _time.GetUtcNow());
            await watch.RunOnceAsync(CancellationToken.None);
            await dispatcher.DeliverDueAsync(CancellationToken.None);
        }

        await SetLastCheckAsync("acme", _time.GetUtcNow());
        await watch.RunOnceAsync(CancellationToken.None);
        await watch.RunOnceAsync(CancellationToken.None);
        await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.All(channels, channel =>
        {
            var sent = channel.Sent.ToList();
            Assert.Equal([NotificationKinds.NotProbing, NotificationKinds.ProbingAgain], sent.Select(n => n.Kind));
            Assert.All(sent, n => Assert.Equal("acme", n.Account));
            Assert.StartsWith("⚠️ **AmoHealth не проверяет acme с ", sent[0].Text);
        });
    }

    private async Task SetLastCheckAsync(string account, DateTimeOffset at)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var status = await db.CheckStatuses.SingleOrDefaultAsync(s => s.Account == account)
            ?? db.CheckStatuses.Add(new CheckStatusRecord { Account = account, CheckType = CheckType.Get,
                Status = "up" }).Entity;
        status.LastCheck = at.ToUnixTimeMilliseconds();
        await db.SaveChangesAsync();
    }
}
