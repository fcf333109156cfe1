using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Cluster;

/// <summary>Two Probers' outbox dispatchers on one PostgreSQL while the cluster lease changes hands mid-send.</summary>
[Trait("Ring", "Integration")]
public sealed class OutboxClaimTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<AmoAccount> Accounts = [
        new AmoAccount("acme", new Uri("http://127.0.0.1:9/"), "token")];

    private readonly TempPostgresDatabase _store = new();
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        _contexts = await ((ITestStore)_store).MigrateAsync();
        _connections = ((ITestStore)_store).CreateConnections();
    }

    public async Task DisposeAsync()
    {
        await _connections.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task AnAlertIsPostedOnceWhenTheClusterLeaseMovesWhileItsSendHangs()
    {
        var (a, aKeeper) = Prober(TimeProvider.System);
        var (b, bKeeper) = Prober(TimeProvider.System);
        await aKeeper.RenewAsync(CancellationToken.None);
        await bKeeper.RenewAsync(CancellationToken.None);
        Assert.True(a.IsLeader);
        var stalled = new BlockingNotifier("mattermost");
        var successor = new RecordingNotifier("mattermost");
        await AddAlertAsync("🔴 GET");

        // A claims the row and stalls inside the send; its lease lapses and B takes the cluster over.
        var pass = Dispatcher(stalled, a, TimeProvider.System).DeliverDueAsync(CancellationToken.None);
        await stalled.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await ExpireClusterLeaseAsync();
        await bKeeper.RenewAsync(CancellationToken.None);
        Assert.True(b.IsLeader);
        var bDispatcher = Dispatcher(successor, b, TimeProvider.System);
        Assert.Equal(0, await bDispatcher.DeliverDueAsync(CancellationToken.None));

        stalled.Release();
        await pass.WaitAsync(TimeSpan.FromSeconds(10));
        await bDispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, stalled.Sends + successor.Sent.Count);
        await using var db = await _contexts.CreateDbContextAsync();
        Assert.NotNull((await db.Notifications.SingleAsync()).DeliveredAt);
    }

    [Fact]
    public async Task AnOldLeaderWokenAfterItsLeasePassedOnSendsNothing()
    {
        var paused = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (a, aKeeper) = Prober(paused);
        var (b, bKeeper) = Prober(TimeProvider.System);
        await aKeeper.RenewAsync(CancellationToken.None);
        var aChannel = new RecordingNotifier("mattermost");
        var bChannel = new RecordingNotifier("mattermost");
        var aDispatcher = Dispatcher(aChannel, a, paused);
        await AddAlertAsync("🔴 GET");

        // A is paused past its lease; B takes the cluster over and delivers; a new alert arrives.
        paused.Advance(aKeeper.Lifetime);
        await ExpireClusterLeaseAsync();
        await bKeeper.RenewAsync(CancellationToken.None);
        Assert.Equal(1, await Dispatcher(bChannel, b, TimeProvider.System).DeliverDueAsync(CancellationToken.None));
        await AddAlertAsync("✅ GET");

        // A wakes mid-pass: it neither repeats what B delivered nor sends what is now B's to send.
        Assert.Equal(0, await aDispatcher.DeliverDueAsync(CancellationToken.None));
        Assert.Empty(aChannel.Sent);
        Assert.Equal(["🔴 GET"], bChannel.Sent.Select(n => n.Text));
    }

    private OutboxDispatcher Dispatcher(INotifier channel, IOwnership ownership, TimeProvider time) =>
        Dispatchers.Create(_connections, new Notifiers([channel], [], NullLogger<Notifiers>.Instance),
            new AlertOptions { GroupWindowSeconds = 0 }, time, ownership: ownership).Dispatcher;

    private async Task AddAlertAsync(string text)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1_000;
        db.Notifications.Add(
            new NotificationRecord { Account = "acme", CheckType = "GET", Kind = "down", Text = text, CreatedAt = now,
            NextAttemptAt = now });
        await db.SaveChangesAsync();
    }

    /// <summary>The database's clock passes the leader's lease time (it stopped renewing).</summary>
    private async Task ExpireClusterLeaseAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE leases SET expires_at = 0 WHERE name = {LeaseNames.Cluster}");
    }

    private (LeaseOwnership Ownership, LeaseKeeper Keeper) Prober(TimeProvider time)
    {
        var ownership = new LeaseOwnership(time);
        var keeper = new LeaseKeeper(_connections, ownership, Accounts,
            Options.Create(new MonitorOptions { CheckIntervalMs = 2_000 }), time,
            NullLogger<LeaseKeeper>.Instance);
        return (ownership, keeper);
    }
}
