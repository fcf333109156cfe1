using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>What the tracker writes on an incident's timeline and the silences a recovery ends, through the real
/// writer into a real store, once per provider.</summary>
[Trait("Ring", "Integration")]
public abstract class IncidentTimelineTests(ITestStore store) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ITestStore _store = store;

    public void Dispose()
    {
        _store.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AnIncidentOpensWithTheResultsThatConfirmedItAndClosesSayingHowLongAndWhoHandledIt()
    {
        var contexts = await _store.MigrateAsync();
        await WriteAsync(Ok(CheckType.Get, 500), Fail(CheckType.Get, 1_000), Fail(CheckType.Get, 6_000),
            Fail(CheckType.Get, 16_000));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var open = await db.Incidents.SingleAsync();
            open.AcknowledgedBy = "anna";
            await db.SaveChangesAsync();
        }

        await WriteAsync(Ok(CheckType.Get, 60_000), Ok(CheckType.Get, 65_000));

        await using var check = await contexts.CreateDbContextAsync();
        var timeline = await check.IncidentEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [("opened", "00:00:01Z http_status 503; 00:00:06Z http_status 503; 00:00:16Z http_status 503"),
                ("closed", "lasted 1 min 4 s; handled by anna")],
            timeline.Select(e => (e.Kind, e.Text)));
        Assert.Equal(65_000, timeline[1].At);
        Assert.All(timeline, e => Assert.Null(e.Actor));
    }

    [Fact]
    public async Task ASilenceEndingOnRecoveryEndsWhenTheLastOpenIncidentInItsScopeClosesAndNotBefore()
    {
        var contexts = await _store.MigrateAsync();
        await WriteAsync(Fail(CheckType.Get, 1_000), Fail(CheckType.Post, 1_000), Fail(CheckType.Get, 6_000),
            Fail(CheckType.Post, 6_000), Fail(CheckType.Get, 16_000), Fail(CheckType.Post, 16_000));
        long account, post, plain;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            account = await SilenceAsync(db, null, endOnRecovery: true);
            post = await SilenceAsync(db, CheckType.Post, endOnRecovery: true);
            plain = await SilenceAsync(db, null, endOnRecovery: false);
        }

        await WriteAsync(Ok(CheckType.Get, 60_000), Ok(CheckType.Get, 65_000));
        var afterGet = await EndedAsync(contexts);
        await WriteAsync(Ok(CheckType.Post, 70_000), Ok(CheckType.Post, 75_000));
        var afterPost = await EndedAsync(contexts);

        Assert.Empty(afterGet);
        Assert.Equal([(account, "recovery"), (post, "recovery")], afterPost);
        Assert.DoesNotContain(afterPost, s => s.Id == plain);
        await using var check = await contexts.CreateDbContextAsync();
        var postIncident = await check.Incidents.SingleAsync(i => i.CheckType == CheckType.Post);
        var unsilenced = await check.IncidentEvents.Where(e => e.Kind == "unsilenced").OrderBy(e => e.Id)
            .ToListAsync();
        Assert.Equal(
            [(postIncident.Id, $"#{account} ended by recovery"), (postIncident.Id, $"#{post} ended by recovery")],
            unsilenced.Select(e => (e.IncidentId, e.Text)));
    }

    private static async Task<long> SilenceAsync(AmoHealthDbContext db, string? checkType, bool endOnRecovery)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var silence = new SilenceRecord
        {
            Account = "acme", CheckType = checkType, StartsAt = now - 60_000, EndsAt = now + 3_600_000,
            Reason = "known", CreatedBy = "anna", CreatedAt = now - 60_000, EndOnRecovery = endOnRecovery,
        };
        db.Silences.Add(silence);
        await db.SaveChangesAsync();
        return silence.Id;
    }

    private static async Task<List<(long Id, string? EndedBy)>> EndedAsync(
        IDbContextFactory<AmoHealthDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.Silences.Where(s => s.EndedAt != null).OrderBy(s => s.Id).ToListAsync())
            .Select(s => (s.Id, s.EndedBy)).ToList();
    }

    private async Task WriteAsync(params ProbeResult[] results)
    {
        var monitor = new MonitorOptions { MattermostWebhookUrl = "http://127.0.0.1:1/hooks/x" };
        var channel = new ResultChannel();
        var mattermost = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = monitor.MattermostWebhookUrl }));
        var notifiers = new Notifiers([mattermost], [], NullLogger<Notifiers>.Instance);
        var alerts = new AlertOutbox(notifiers, Options.Create(new AlertOptions()), Options.Create(monitor));
        var tracker = new IncidentTracker(
            Options.Create(new AlertOptions()), Options.Create(monitor), alerts, NullLogger<IncidentTracker>.Instance);
        var publisher = new RecordingPublisher();
        using var writer = Pipeline.Writer(channel, new StoreConnections(_store.Options), publisher, tracker);
        await writer.StartAsync(CancellationToken.None);
        foreach (var result in results)
        {
            var before = publisher.Count;
            await channel.SubmitAsync(result, CancellationToken.None);
            await Eventually.TrueAsync(() => publisher.Count > before, Wait, "the result to be stored");
        }

        await writer.StopAsync(CancellationToken.None);
    }

    private static ProbeResult Fail(string check, long at) =>
        new("acme", check, Outcome.Down, 120, at, 503, "HTTP 503");

    private static ProbeResult Ok(string check, long at) => new("acme", check, Outcome.Up, 90, at, 200, null);
}
