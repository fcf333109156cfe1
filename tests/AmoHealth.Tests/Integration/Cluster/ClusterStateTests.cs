using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Cluster;

/// <summary>What members write for an account (its retirement, its probe_state) is decided by who is alive and holds
/// it.</summary>
[Trait("Ring", "Integration")]
public sealed class ClusterStateTests : IAsyncLifetime
{
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
    public async Task AProberStartingWithAnOlderAccountListNeverClosesAnAccountALiveMemberStillWatches()
    {
        var (_, member) = Prober("acc-new", "acc-old");
        await member.RenewAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.Incidents.Add(
                new IncidentRecord { Account = "acc-new", CheckType = "GET", Kind = Outcome.Down,
                StartTime = now - 60_000, CreatedAt = now });
            db.Incidents.Add(
                new IncidentRecord { Account = "acc-gone", CheckType = "GET", Kind = Outcome.Down,
                StartTime = now - 60_000, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        // A Prober whose configuration still lists only acc-old starts beside the live member.
        await using (var connections = ((ITestStore)_store).CreateConnections())
        {
            var retired = await RetiredAccounts.RetireAsync(connections, ["acc-old"], now, CancellationToken.None);
            Assert.Equal(["acc-gone"], retired);
        }

        await using var check = await _contexts.CreateDbContextAsync();
        Assert.Null((await check.Incidents.SingleAsync(i => i.Account == "acc-new")).EndTime);
        Assert.NotNull((await check.Incidents.SingleAsync(i => i.Account == "acc-gone")).EndTime);
    }

    [Fact]
    public async Task ProbeStateIsWrittenOnlyUnderTheAccountsLeaseAndALostLeaseWritesNothing()
    {
        var (ownership, keeper) = Prober("acme");
        await keeper.RenewAsync(CancellationToken.None);
        var state = new ProbeStateStore(_connections, new OwnershipStateFence(ownership));
        Assert.True(await state.SetOwnedAsync("acme", ProbeStateRecord.TestLeadKey, "41", CancellationToken.None));

        // Another Prober took the account over while this one was paused.
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE leases SET holder = 'other', fence = fence + 1 WHERE name = 'account:acme'");
        }

        Assert.False(await state.SetOwnedAsync("acme", ProbeStateRecord.TestLeadKey, "42", CancellationToken.None));
        Assert.Equal("41", await state.GetAsync("acme", ProbeStateRecord.TestLeadKey, CancellationToken.None));

        // Once its renewal finds the lease gone, it holds no fence for the account: a cached test lead is not reused.
        await keeper.RenewAsync(CancellationToken.None);
        Assert.Null(state.FenceOf("acme"));
    }

    private (LeaseOwnership Ownership, LeaseKeeper Keeper) Prober(params string[] accounts)
    {
        var ownership = new LeaseOwnership(TimeProvider.System);
        var keeper = new LeaseKeeper(_connections, ownership,
            [.. accounts.Select(a => new AmoAccount(a, new Uri("http://127.0.0.1:9/"), "token"))],
            Options.Create(new MonitorOptions { CheckIntervalMs = 2_000 }), TimeProvider.System,
                NullLogger<LeaseKeeper>.Instance);
        return (ownership, keeper);
    }
}
