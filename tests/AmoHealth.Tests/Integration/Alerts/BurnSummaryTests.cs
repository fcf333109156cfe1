using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>The ticket rule (1× over 3 days and 6 h) pages nobody: it opens its row silently, and the daily summary
/// lists it with each check's budget left.</summary>
[Trait("Ring", "Integration")]
public sealed class BurnSummaryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly SloOptions Slo = new() { Target = 99 };
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
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
    public async Task AnOpenTicketIsSentOnlyInTheDailySummaryWithEachChecksBudgetLeft()
    {
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            // 44 bad minutes of 4,320 (1.02×), 4 of them in the last 6 hours (1.1×), none in the last hour; POST clean.
            await BurnHistory.WriteAsync(db, "acme", CheckType.Get, Now, 4320, BurnHistory.Spread(4320, 44, 360, 0)
                .Where(m => m > 360).Take(40).Concat([100, 150, 200, 250]).ToHashSet());
            await BurnHistory.WriteAsync(db, "acme", CheckType.Post, Now, 60, new HashSet<int>());
            db.ProbeStates.Add(new ProbeStateRecord { Account = string.Empty, Key = "daily_summary_sent",
                Value = "2026-12-06" });
            await db.SaveChangesAsync();
        }

        var alerts = new AlertOptions { DailySummaryHour = 12, RemindEveryMinutes = 0 };
        var rig = new BurnRig(_connections, _time, Slo, alerts);
        await rig.LookAsync();
        var afterLook = rig.Sent.Count;
        await Timers(rig).RunOnceAsync(CancellationToken.None);
        await rig.Dispatcher.DeliverDueAsync(CancellationToken.None);

        await using var check = await _contexts.CreateDbContextAsync();
        var ticket = Assert.Single(await check.BurnAlerts.ToListAsync());
        Assert.Equal(("ticket", BurnRules.Ticket, (long?)null), (ticket.Rule, ticket.Severity, ticket.ClosedAt));
        Assert.Equal(0, afterLook);
        var summary = Assert.Single(rig.Sent);
        Assert.Equal(NotificationKinds.Summary, summary.Kind);
        var lines = summary.Text.Split('\n');
        // 99 % of 30 days allows 432 bad minutes.
        Assert.Contains("Бюджет GET: осталось 89.81% (388 мин), цель 99%", lines);
        Assert.Contains("Бюджет POST: осталось 100% (432 мин), цель 99%", lines);
        Assert.Contains("🎫 Тикет: бюджет GET сгорает быстрее нормы (≥1× за 3 д и 6 ч) с 2026-12-07 12:00:00 "
            + "(Europe/Moscow)", lines);
    }

    private AlertTimers Timers(BurnRig rig) => new(_connections,
        new Notifiers([rig.Channel], [], NullLogger<Notifiers>.Instance), rig.Outbox, Options.Create(rig.Alerts),
        _time, NullLogger<AlertTimers>.Instance, Options.Create(new StorageOptions()), slo: Options.Create(Slo));
}
