using AmoHealth.Core.Alerting;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.OnCall;
using AmoHealth.ServiceDefaults.Access;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>Reminders respect people: none for an incident someone took or one that is silenced, and each one sent
/// is on the incident's timeline; taking an incident is announced (not twice where the click was); its ✅ says who.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class OnCallAlertsTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly TimerClock _time = new(new DateTimeOffset(2026, 12, 7, 0, 31, 0, TimeSpan.Zero));
    private readonly OnCallQuiet _quiet = new();
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
    public async Task OnlyAnIncidentNobodyTookAndNobodySilencedIsRemindedAndTheReminderIsOnItsTimeline()
    {
        var taken = await OpenAsync("acme", "anna");
        var silenced = await OpenAsync("beta", null);
        var open = await OpenAsync("gamma", null);
        _quiet.Silence("beta", _time.GetUtcNow());

        await Timers().RunOnceAsync(CancellationToken.None);

        await using var db = await _contexts.CreateDbContextAsync();
        var reminders = await db.Notifications.Where(n => n.Kind == "reminder").ToListAsync();
        Assert.Equal([open], reminders.Select(r => r.IncidentId!.Value).Distinct());
        Assert.Contains("Начало: 2026-12-07 03:00:00 (Europe/Moscow)", reminders[0].Text, StringComparison.Ordinal);
        var timeline = await db.IncidentEvents.ToListAsync();
        Assert.Equal([(open, "reminder")], timeline.Select(e => (e.IncidentId, e.Kind)));
        Assert.DoesNotContain(timeline, e => e.IncidentId == taken || e.IncidentId == silenced);
    }

    [Theory]
    [InlineData("dashboard", new[] { "mattermost", "telegram" })]
    [InlineData("mattermost", new[] { "telegram" })]
    [InlineData("telegram", new[] { "mattermost" })]
    public async Task TakingAnIncidentIsAnnouncedOnTheUsualChannelsButNotWhereTheButtonWasClicked(
        string source, string[] channels)
    {
        var id = await OpenAsync("acme", null);
        var incident = new IncidentRecord { Id = id, Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
            StartTime = _time.GetUtcNow().AddMinutes(-31).ToUnixTimeMilliseconds() };

        await using (var session = await _connections.BeginAsync(CancellationToken.None))
        {
            IAcknowledgementAlerts announce = new AcknowledgementAlerts(Outbox(new AlertOptions()));
            await announce.AnnounceAsync(session, incident, new Actor("anna", Role.Operator), source,
                _time.GetUtcNow(), CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var db = await _contexts.CreateDbContextAsync();
        var rows = await db.Notifications.Where(n => n.Kind == "acknowledged").OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(channels, rows.Select(r => r.Channel));
        Assert.All(rows, r => Assert.Equal(
            ("👤 anna взял(а) в работу: API (чтение, GET) (acme) с 03:31 (Europe/Moscow)", id),
            (r.Text, r.IncidentId!.Value)));
    }

    [Fact]
    public async Task TheRestoredAlertSaysWhoHandledTheIncidentWhateverRecordClosedIt()
    {
        var id = await OpenAsync("acme", "anna");
        var closed = new IncidentRecord { Id = id, Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
            StartTime = 0, EndTime = 65_000, Duration = 65_000 };

        await using (var session = await _connections.BeginAsync(CancellationToken.None))
        {
            await Outbox(new AlertOptions { Language = "en" }).RaiseAsync(session, new IncidentClosed(closed),
                _time.GetUtcNow(), CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var db = await _contexts.CreateDbContextAsync();
        var restored = await db.Notifications.Where(n => n.Kind == "restored").Select(n => n.Text).FirstAsync();
        Assert.EndsWith("\nHandled by anna", restored, StringComparison.Ordinal);
    }

    /// <summary>An incident open for 31 minutes with its 🔴 sent then, taken by <paramref name="by"/> or nobody.
    /// </summary>
    private async Task<long> OpenAsync(string account, string? by)
    {
        var start = _time.GetUtcNow().AddMinutes(-31).ToUnixTimeMilliseconds();
        await using var db = await _contexts.CreateDbContextAsync();
        var incident = new IncidentRecord { Account = account, CheckType = CheckType.Get, Kind = Outcome.Down,
            StartTime = start, CreatedAt = start, AcknowledgedBy = by, AcknowledgedAt = by is null ? null : start };
        db.Incidents.Add(incident);
        db.Notifications.Add(new NotificationRecord { Account = account, CheckType = "GET", Incident = incident,
            Kind = "down", Text = "🔴", CreatedAt = start, Channel = "mattermost" });
        await db.SaveChangesAsync();
        return incident.Id;
    }

    private static Notifiers Channels() => new([new RecordingNotifier("mattermost"),
        new RecordingNotifier("telegram")], [], NullLogger<Notifiers>.Instance);

    private static AlertOutbox Outbox(AlertOptions alerts) =>
        new(Channels(), Options.Create(alerts), Options.Create(new MonitorOptions()));

    private AlertTimers Timers()
    {
        var alerts = new AlertOptions { DailySummaryHour = -1 };
        var notifiers = Channels();
        return new AlertTimers(_connections, notifiers, new AlertOutbox(notifiers, Options.Create(alerts),
                Options.Create(new MonitorOptions())), Options.Create(alerts), _time,
            NullLogger<AlertTimers>.Instance, Options.Create(new StorageOptions()), null, [_quiet]);
    }
}
