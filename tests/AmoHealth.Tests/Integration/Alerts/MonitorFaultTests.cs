using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>AmoHealth's own failures: a ⚠️ about AmoHealth, never an amoCRM incident nor amoCRM's uptime.</summary>
[Trait("Ring", "Integration")]
public sealed class MonitorFaultTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AnOwnFaultThatLastsIsOneMonitorWarningThenOneAllClearAndNoIncident()
    {
        var contexts = await _database.MigrateAsync();

        await WriteAsync(Own(CheckType.Hook, 0), Own(CheckType.Dp, 0), Own(CheckType.Hook, 30_000),
            Own(CheckType.Dp, 30_000),
            Own(CheckType.Hook, 61_000), Own(CheckType.Dp, 61_000), Own(CheckType.Hook, 91_000),
                Ok(CheckType.Hook, 121_000), Ok(CheckType.Dp, 121_000));

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Empty(await db.Incidents.ToListAsync());
        var texts = await db.Notifications.OrderBy(n => n.Id).Select(n => n.Text).ToListAsync();
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("⚠️ **AmoHealth: проверки HOOK, DP не работают по вине самого AmoHealth** — acme", texts[0]);
        Assert.Contains("PUBLIC_URL", texts[0]);
        Assert.StartsWith("✅ **AmoHealth: проверки HOOK, DP снова работают** — acme", texts[1]);
        Assert.Contains("Не работали с 1970-01-01 03:00:00 по 1970-01-01 03:02:01 (Europe/Moscow): 2 мин 1 с",
            texts[1]);
        // Stored as history, but not as amoCRM's uptime: only the two successes are in the rollups.
        Assert.Equal(9, await db.HealthChecks.CountAsync());
        Assert.Equal(2, await db.MinuteRollups.SumAsync(r => r.Count));
    }

    [Fact]
    public async Task AShortOwnFaultAtStartSendsNothing()
    {
        var contexts = await _database.MigrateAsync();

        await WriteAsync(Own(CheckType.Hook, 0), Ok(CheckType.Hook, 5_000));

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Empty(await db.Notifications.ToListAsync());
    }

    private static ProbeResult Own(string check, long at) =>
        new("acme", check, Outcome.Down, 3_000, at, 200,
            "No webhook delivery within 3000 ms: AmoHealth's own webhook receiver is not reachable through PUBLIC_URL")
        {
            Kind = FailureKind.ReceiverUnreachable,
        };

    private static ProbeResult Ok(string check, long at) => new("acme", check, Outcome.Up, 300, at, 200, null);

    private async Task WriteAsync(params ProbeResult[] results)
    {
        var channel = new ResultChannel();
        var notifiers = new Notifiers([new RecordingNotifier("mattermost")], [], NullLogger<Notifiers>.Instance);
        var monitor = Options.Create(new MonitorOptions());
        var alerts = new AlertOutbox(notifiers, Options.Create(new AlertOptions()), monitor);
        var tracker = new IncidentTracker(Options.Create(new AlertOptions()), monitor, alerts,
            NullLogger<IncidentTracker>.Instance);
        var faults = new MonitorFaults(monitor, alerts, NullLogger<MonitorFaults>.Instance);
        var publisher = new RecordingPublisher();
        using var writer = Pipeline.Writer(channel, new StoreConnections(_database.Options), publisher, tracker,
            faults);
        await writer.StartAsync(CancellationToken.None);
        foreach (var result in results)
        {
            var before = publisher.Count;
            await channel.SubmitAsync(result, CancellationToken.None);
            await Eventually.TrueAsync(() => publisher.Count > before, Wait, "the result to be stored");
        }

        await writer.StopAsync(CancellationToken.None);
    }
}
