using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>A dead channel, a disk that cannot save, a reminder racing its ✅, checks failing apart.</summary>
[Trait("Ring", "Integration")]
public sealed class ChannelIndependenceTests : IAsyncLifetime
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
    public async Task FiveHundredStuckAlertsOfADeadChannelNeverHoldBackTheOthers()
    {
        var dead = new DeadNotifier();
        var alive = new RecordingNotifier("mattermost");
        var notifiers = new Notifiers([dead, alive], [], NullLogger<Notifiers>.Instance);
        var (dispatcher, health) = Dispatchers.Create(_connections, notifiers,
            new AlertOptions { GroupWindowSeconds = 0 }, _time);
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            for (var i = 0; i < 520; i++)
            {
                db.Notifications.Add(new NotificationRecord
                {
                    Account = "acme", CheckType = "GET", Kind = "reminder", Channel = "dead", Text = $"⏳ {i}",
                        CreatedAt = now, NextAttemptAt = now,
                });
            }

            db.Notifications.Add(new NotificationRecord
            {
                Account = "acme", CheckType = "GET", Kind = "down", Channel = "mattermost", Text = "🔴 GET",
                    CreatedAt = now, NextAttemptAt = now,
            });
            await db.SaveChangesAsync();
        }

        await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal("🔴 GET", Assert.Single(alive.Sent).Text);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        _time.Advance(TimeSpan.FromMinutes(11));
        await dispatcher.DeliverDueAsync(CancellationToken.None);
        var report = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains("dead: failing for 11 min", report.Description);
    }

    [Fact]
    public async Task AChannelWithATypoInItsUrlIsNotSilentItDegradesHealthAndShowsOnInfo()
    {
        var typo = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = "htps://mm.example/hooks/abc" }));
        var notifiers = new Notifiers([typo], [], NullLogger<Notifiers>.Instance);
        var (dispatcher, health) = Dispatchers.Create(_connections, notifiers, new AlertOptions(), _time);

        await dispatcher.ArchiveOrphansAsync(CancellationToken.None);
        var report = await health.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains("mattermost: the URL is not an http(s) URL", report.Description);
        await using var db = await _contexts.CreateDbContextAsync();
        var state = await db.ProbeStates.SingleAsync(s => s.Key == ProbeStateRecord.ChannelKeyPrefix + "mattermost");
        Assert.Contains("\"State\":\"misconfigured\"", state.Value);
    }

    [Fact]
    public async Task AlertsOfAChannelNoLongerConfiguredAreArchivedNotSent()
    {
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.Notifications.Add(new NotificationRecord { Account = "acme", CheckType = "GET", Kind = "down",
                Channel = "telegram", Text = "🔴", CreatedAt = 1, NextAttemptAt = 1 });
            await db.SaveChangesAsync();
        }

        var (dispatcher, _) = Dispatchers.Create(_connections,
            new Notifiers([new RecordingNotifier("mattermost")], [], NullLogger<Notifiers>.Instance),
            new AlertOptions(), _time);
        await dispatcher.ArchiveOrphansAsync(CancellationToken.None);

        await using var check = await _contexts.CreateDbContextAsync();
        var row = Assert.Single(await check.Notifications.ToListAsync());
        Assert.Equal(OutboxDispatcher.Archived, row.NextAttemptAt);
        Assert.Contains("no longer configured", row.LastError);
    }

    [Fact]
    public async Task AnAlertWhoseDeliveredMarkCannotBeSavedIsSentOnlyOnce()
    {
        var channel = new RecordingNotifier("mattermost");
        var (dispatcher, _) = Dispatchers.Create(_connections,
            new Notifiers([channel], [], NullLogger<Notifiers>.Instance),
            new AlertOptions { GroupWindowSeconds = 0 }, _time);
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.Notifications.Add(new NotificationRecord { Account = "acme", CheckType = "GET", Kind = "down",
                Text = "🔴", CreatedAt = 1, NextAttemptAt = 1 });
            await db.SaveChangesAsync();
        }

        var sends = 0;
        channel.OnSend = () => { sends++; DiskFull(true); };
        for (var pass = 0; pass < 5; pass++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => dispatcher.DeliverDueAsync(CancellationToken.None));
        }

        DiskFull(false);
        await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, sends);
        await using var check = await _contexts.CreateDbContextAsync();
        Assert.NotNull(Assert.Single(await check.Notifications.ToListAsync()).DeliveredAt);
    }

    [Fact]
    public async Task AReminderNeverGoesOutAfterItsIncidentClosed()
    {
        var channel = new RecordingNotifier("mattermost");
        var (dispatcher, _) = Dispatchers.Create(_connections,
            new Notifiers([channel], [], NullLogger<Notifiers>.Instance),
            new AlertOptions { GroupWindowSeconds = 0 }, _time);
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            var incident = new IncidentRecord { Account = "acme", CheckType = "GET", Kind = Outcome.Down,
                StartTime = 1, CreatedAt = 1, EndTime = 5, Duration = 4 };
            db.Incidents.Add(incident);
            // The reminder timer read the incident as open just before the writer closed it.
            db.Notifications.Add(new NotificationRecord { Account = "acme", CheckType = "GET", Incident = incident,
                Kind = "restored", Text = "✅", CreatedAt = 5, NextAttemptAt = 5 });
            db.Notifications.Add(new NotificationRecord { Account = "acme", CheckType = "GET", Incident = incident,
                Kind = "reminder", Text = "⏳", CreatedAt = 6, NextAttemptAt = 6 });
            await db.SaveChangesAsync();
        }

        await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(["✅"], channel.Sent.Select(n => n.Text));
    }

    [Fact]
    public async Task DownAlertsWaitWhileAnotherCheckOfTheAccountIsStillBeingConfirmed()
    {
        var channel = new RecordingNotifier("mattermost");
        var (dispatcher, _) = Dispatchers.Create(_connections,
            new Notifiers([channel], [], NullLogger<Notifiers>.Instance),
            new AlertOptions { GroupWindowSeconds = 3 }, _time);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.CheckStatuses.Add(new CheckStatusRecord { Account = "acme", CheckType = "POST", Status = "down",
                State = CheckState.Down });
            db.CheckStatuses.Add(new CheckStatusRecord { Account = "acme", CheckType = "DP", Status = "down",
                State = CheckState.Suspect });
            db.Notifications.Add(new NotificationRecord { Account = "acme", CheckType = "POST", Kind = "down",
                Text = "🔴 POST", CreatedAt = now, NextAttemptAt = now });
            await db.SaveChangesAsync();
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(CancellationToken.None));

        // DP is confirmed down a few seconds later: one post for both.
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            (await db.CheckStatuses.SingleAsync(s => s.CheckType == "DP")).State = CheckState.Down;
            db.Notifications.Add(new NotificationRecord
            {
                Account = "acme", CheckType = "DP", Kind = "down", Text = "🔴 DP",
                    CreatedAt = _time.GetUtcNow().ToUnixTimeMilliseconds() - 4_000, NextAttemptAt = now,
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await dispatcher.DeliverDueAsync(CancellationToken.None));
        var post = Assert.Single(channel.Sent);
        Assert.Contains("🔴 POST", post.Text);
        Assert.Contains("🔴 DP", post.Text);
    }

    /// <summary>Every change of an alert's row fails while set, as on a full disk (a trigger in the file).</summary>
    private void DiskFull(bool full)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_database.Options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = full
            ? "CREATE TRIGGER disk_full BEFORE UPDATE ON notifications BEGIN SELECT RAISE(ABORT, 'database or disk is "
                + "full'); END"
            : "DROP TRIGGER disk_full";
        command.ExecuteNonQuery();
    }

    private sealed class DeadNotifier : INotifier
    {
        public string Name => "dead";

        public string? Problem => null;

        public Task<string?> SendAsync(NotificationRecord alert, CancellationToken cancellationToken) =>
            Task.FromResult<string?>("HTTP 404: the webhook was removed");
    }
}
