using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Cluster;

/// <summary>Accounts shared out by leases on a real PostgreSQL server, as several Probers do.</summary>
[Trait("Ring", "Integration")]
public sealed class LeaseTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<AmoAccount> Accounts =
        [.. Enumerable.Range(0, 10)
            .Select(i => new AmoAccount($"acc-{i:00}", new Uri("http://127.0.0.1:9/"), "token"))];

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
    public async Task TwoProbersSplitTheAccountsWithoutOverlapAndOneLeadsAndAJoinerGetsItsShare()
    {
        var (a, aKeeper) = Prober(TimeProvider.System);
        var (b, bKeeper) = Prober(TimeProvider.System);

        await aKeeper.RenewAsync(CancellationToken.None);
        Assert.Equal(10, a.Held.Count); // Alone: everything.
        Assert.True(a.IsLeader);

        // B joins: it finds nothing free, A gives back its surplus, B claims it.
        await bKeeper.RenewAsync(CancellationToken.None);
        await aKeeper.RenewAsync(CancellationToken.None);
        await bKeeper.RenewAsync(CancellationToken.None);

        Assert.Equal(5, a.Held.Count);
        Assert.Equal(5, b.Held.Count);
        Assert.Empty(a.Held.Keys.Intersect(b.Held.Keys));
        Assert.Equal(Accounts.Select(x => x.Name).Order(), a.Held.Keys.Concat(b.Held.Keys).Order());
        Assert.True(a.IsLeader ^ b.IsLeader, "exactly one Prober runs the cluster-wide work");
        Assert.All(a.Held.Keys, name => Assert.True(a.TryOwn(name, out _)));
        Assert.All(a.Held.Keys, name => Assert.False(b.TryOwn(name, out _)));
    }

    [Fact]
    public async Task ADeadProbersAccountsAndLeadershipAreTakenOverOnceItsLeasesLapseAndProbedAtOnce()
    {
        var (a, aKeeper) = Prober(TimeProvider.System);
        var (b, bKeeper) = Prober(TimeProvider.System);
        await aKeeper.RenewAsync(CancellationToken.None);
        await bKeeper.RenewAsync(CancellationToken.None);
        await aKeeper.RenewAsync(CancellationToken.None);
        await bKeeper.RenewAsync(CancellationToken.None);
        var aHeld = a.Held;
        Assert.Equal(5, aHeld.Count);

        // A dies (no renewal, nothing handed back); B renews until A's leases lapse.
        var deadline = DateTime.UtcNow + aKeeper.Lifetime + TimeSpan.FromSeconds(10);
        while (b.Held.Count < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(bKeeper.Period);
            await bKeeper.RenewAsync(CancellationToken.None);
        }

        Assert.Equal(10, b.Held.Count);
        Assert.True(b.IsLeader);
        // Each taken-over account moved to a new fence, and (never probed yet) is due at once.
        Assert.All(aHeld, held => Assert.True(b.Held[held.Key] > held.Value));
        var overdue = new List<string>();
        while (b.Overdue.TryRead(out var name))
        {
            overdue.Add(name);
        }

        Assert.Superset(aHeld.Keys.ToHashSet(), overdue.ToHashSet());
        // Signalled only once held: the scheduler that reacts at once finds it may probe them.
        Assert.All(overdue, name => Assert.True(b.TryOwn(name, out _)));
    }

    [Fact]
    public async Task AProberThatStopsHandsItsAccountsBackAtOnce()
    {
        var (a, aKeeper) = Prober(TimeProvider.System);
        var (b, bKeeper) = Prober(TimeProvider.System);
        await aKeeper.RenewAsync(CancellationToken.None);
        await bKeeper.RenewAsync(CancellationToken.None);

        await aKeeper.StopAsync(CancellationToken.None);
        await bKeeper.RenewAsync(CancellationToken.None);

        Assert.Empty(a.Held);
        Assert.False(a.IsLeader);
        Assert.Equal(10, b.Held.Count);
        Assert.True(b.IsLeader);
    }

    [Fact]
    public async Task APausedProberStopsProbingAtItsLocalDeadlineAndCannotWriteOnceTakenOver()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (a, aKeeper) = Prober(time);
        await aKeeper.RenewAsync(CancellationToken.None);
        Assert.True(a.TryOwn("acc-03", out var fence));

        // Paused past the local deadline: no new probe until a renewal confirms the lease.
        time.Advance(aKeeper.Lifetime);
        Assert.False(a.TryOwn("acc-03", out _));

        // Meanwhile B took acc-03 over (A's lease lapsed on the database's clock).
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE leases SET holder = 'b', fence = fence + 1 WHERE name = 'account:acc-03'");
        }

        // A's result of acc-03, probed under the old fence, is refused; its result of acc-04 is stored.
        var channel = new ResultChannel();
        await using var connections = new StoreConnections(_store.Options);
        var writer = Pipeline.Writer(channel, connections, new RecordingPublisher(), ownership: a);
        await writer.StartAsync(CancellationToken.None);
        a.TryOwn("acc-04", out var fence4);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await channel.SubmitAsync(
            new ProbeResult("acc-03", CheckType.Get, Outcome.Down, null, now, 503, "late") { Fence = fence,
            Sequence = 1 }, CancellationToken.None);
        await channel.SubmitAsync(
            new ProbeResult("acc-04", CheckType.Get, Outcome.Up, 90, now, 200, null) { Fence = fence4, Sequence = 2 },
            CancellationToken.None);

        await Eventually.GetAsync(async () =>
        {
            await using var db = await _contexts.CreateDbContextAsync();
            return await db.HealthChecks.AnyAsync(h => h.Account == "acc-04") ? "stored" : null;
        }, TimeSpan.FromSeconds(10), "acc-04's result");
        await writer.StopAsync(CancellationToken.None);
        await using var check = await _contexts.CreateDbContextAsync();
        Assert.False(await check.HealthChecks.AnyAsync(h => h.Account == "acc-03"));
        Assert.False(await check.CheckStatuses.AnyAsync(s => s.Account == "acc-03"));
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
