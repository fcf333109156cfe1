using AmoHealth.Core.Checks;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.OnCall;
using AmoHealth.ServiceDefaults.Access;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>Burn alerts on a real PostgreSQL server: two Probers that look at the same moment open one alert and send
/// one 🔥 (the open index decides), an operator takes it, and its ✅ names them.</summary>
[Trait("Ring", "Integration")]
public sealed class BurnPostgresTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly SloOptions Slo = new() { Target = 99 };
    private readonly TempPostgresDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        _contexts = await ((ITestStore)_database).MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
        await using var db = await _contexts.CreateDbContextAsync();
        await BurnHistory.WriteAsync(db, "acme", CheckType.Get, Now, 360, BurnHistory.Spread(60, 9, 5, 1));
    }

    public async Task DisposeAsync()
    {
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task TwoProbersLookingAtOnceOpenOneAlertAndItsAllClearNamesWhoTookIt()
    {
        var rig = new BurnRig(_connections, _time, Slo);
        var second = rig.Create(_connections, _time, Slo, null);

        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(rig.Watch.RunOnceAsync(CancellationToken.None),
                second.RunOnceAsync(CancellationToken.None));
        }

        await rig.Dispatcher.DeliverDueAsync(CancellationToken.None);
        long id;
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            id = await db.BurnAlerts.Where(a => a.Rule == "fast").Select(a => a.Id).SingleAsync();
        }

        var taken = await BurnCommands.Create(_connections, _time).ApplyAsync(
            new OnCallCommand { Kind = OnCallCommandKinds.AcknowledgeBurn, Id = id },
            new Actor("anna", Role.Operator), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await BurnHistory.WriteAsync(db, "acme", CheckType.Get, _time.GetUtcNow(), 5, new HashSet<int>());
        }

        await rig.LookAsync();

        Assert.Equal(OnCallReply.Applied, taken.Status);
        Assert.Equal([NotificationKinds.Burn, NotificationKinds.BurnCleared], rig.Sent.Select(n => n.Kind));
        Assert.EndsWith("\nРазобрал(а): anna", rig.Sent[1].Text);
    }
}
