using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Cluster;

/// <summary>
/// "AmoHealth is not probing" is raised once per cluster: by the cluster lease's holder, never repeated by its
/// successor.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class ProbingWatchClusterTests : IAsyncLifetime
{
    private readonly TempPostgresDatabase _store = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
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
    public async Task OnlyTheHolderRaisesItAndANewHolderNeitherRepeatsItNorLosesItsAllClear()
    {
        var (a, aKeeper) = Prober();
        var (b, bKeeper) = Prober();
        await aKeeper.RenewAsync(CancellationToken.None);
        await bKeeper.RenewAsync(CancellationToken.None);
        var aWatch = ProbingWatches.Create(_connections, [new RecordingNotifier("mattermost")], _time, a);
        var bWatch = ProbingWatches.Create(_connections, [new RecordingNotifier("mattermost")], _time, b);
        await SetLastCheckAsync(_time.GetUtcNow());
        Assert.True(await aWatch.RunOnceAsync(CancellationToken.None));
        Assert.False(await bWatch.RunOnceAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(100));
        await aWatch.RunOnceAsync(CancellationToken.None);
        await bWatch.RunOnceAsync(CancellationToken.None);

        // The lease passes to B, which looks on while acme is still silent, then sees it come back.
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE leases SET expires_at = 0 WHERE name = {LeaseNames.Cluster}");
        }

        await bKeeper.RenewAsync(CancellationToken.None);
        Assert.True(await bWatch.RunOnceAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(100));
        await bWatch.RunOnceAsync(CancellationToken.None);
        Assert.False(await aWatch.RunOnceAsync(CancellationToken.None));
        await SetLastCheckAsync(_time.GetUtcNow());
        await bWatch.RunOnceAsync(CancellationToken.None);
        await aWatch.RunOnceAsync(CancellationToken.None);

        await using var check = await _contexts.CreateDbContextAsync();
        Assert.Equal([NotificationKinds.NotProbing, NotificationKinds.ProbingAgain],
            await check.Notifications.OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync());
    }

    private async Task SetLastCheckAsync(DateTimeOffset at)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var status = await db.CheckStatuses.SingleOrDefaultAsync()
            ?? db.CheckStatuses.Add(
                new CheckStatusRecord { Account = "acme", CheckType = CheckType.Get, Status = "up" }).Entity;
        status.LastCheck = at.ToUnixTimeMilliseconds();
        await db.SaveChangesAsync();
    }

    private (LeaseOwnership Ownership, LeaseKeeper Keeper) Prober()
    {
        var ownership = new LeaseOwnership(TimeProvider.System);
        var keeper = new LeaseKeeper(_connections, ownership,
            [new AmoAccount("acme", new Uri("http://127.0.0.1:9/"), "token")],
            Options.Create(new MonitorOptions { CheckIntervalMs = 30_000 }), TimeProvider.System,
                NullLogger<LeaseKeeper>.Instance);
        return (ownership, keeper);
    }
}
