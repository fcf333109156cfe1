using System.Text.Json;
using AmoHealth.Api.Info;
using AmoHealth.Api.Status;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>A Prober that stopped: the last status is marked stale, and a process that is not the Prober says
/// so.</summary>
[Trait("Ring", "Integration")]
public sealed class SilenceTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;

    public async Task InitializeAsync() => _contexts = await _database.MigrateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnOldResultIsStaleOnTheStatusAndHealthIsDegraded()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.CheckStatuses.Add(Status("GET", now - 5_000));
            db.CheckStatuses.Add(Status("POST", now - 600_000));
            await db.SaveChangesAsync();
        }

        await using var api = new ApiHost(_database.Path, redis: null);
        using var client = api.CreateClient();
        var statuses = (await (await client.GetAsync("/api/status")).JsonAsync()).EnumerateArray().ToList();
        var health = await client.GetStringAsync("/health");

        Assert.False(statuses.Single(s => s.GetProperty("checkType").GetString() == "GET").GetProperty("stale")
            .GetBoolean());
        Assert.True(statuses.Single(s => s.GetProperty("checkType").GetString() == "POST").GetProperty("stale")
            .GetBoolean());
        Assert.Equal("Degraded", health);
    }

    [Fact]
    public async Task ANoticeShowsOnTheStatusForADay()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.CheckStatuses.Add(Status("GET", now));
            db.CheckStatuses.Add(
                new CheckStatusRecord { Account = "old", CheckType = "GET", Status = "up", LastCheck = now });
            db.ProbeStates.Add(
                new ProbeStateRecord { Account = "acme", Key = ProbeStateRecord.NoticeKey,
                Value = ProbeStateRecord.FormatNotice(now - 60_000, "Recreated the test lead") });
            db.ProbeStates.Add(
                new ProbeStateRecord { Account = "old", Key = ProbeStateRecord.NoticeKey,
                Value = ProbeStateRecord.FormatNotice(now - 90_000_000, "Long ago") });
            await db.SaveChangesAsync();
        }

        await using var api = new ApiHost(_database.Path, redis: null);
        using var client = api.CreateClient();
        var statuses = (await (await client.GetAsync("/api/status")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal("Recreated the test lead", statuses.Single(s => s.GetProperty("account").GetString() == "acme")
            .GetProperty("notice").GetString());
        Assert.Equal(JsonValueKind.Null, statuses.Single(s => s.GetProperty("account").GetString() == "old")
            .GetProperty("notice").ValueKind);
    }

    [Fact]
    public async Task ThreeSilentIntervalsAreOneWarningFromTheApiAndResumingIsOneAllClear()
    {
        await using var mattermost = SimulatorHost.With();
        using var control = mattermost.CreateAmoClient();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var start = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.CheckStatuses.Add(Status("GET", start));
            await db.SaveChangesAsync();
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                [new("MATTERMOST_WEBHOOK_URL", new Uri(mattermost.BaseUri, "/hooks/demo").ToString())])
            .Build();
        var watch = new SilenceWatch(new StoreConnections(_database.Options),
            new SchemaState(new StoreConnections(_database.Options)),
            Options.Create(new DashboardOptions { CheckIntervalMs = 30_000 }), configuration,
            ApiChannels.With(new Uri(mattermost.BaseUri, "/hooks/demo")), time, NullLogger<SilenceWatch>.Instance);

        time.Advance(TimeSpan.FromSeconds(80));
        await watch.CheckAsync(CancellationToken.None);
        Assert.Empty(await MattermostInbox.TextsAsync(control));
        time.Advance(TimeSpan.FromSeconds(20));
        await watch.CheckAsync(CancellationToken.None);
        await watch.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        await watch.CheckAsync(CancellationToken.None);
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            (await db.CheckStatuses.SingleAsync()).LastCheck = time.GetUtcNow().ToUnixTimeMilliseconds();
            await db.SaveChangesAsync();
        }

        await watch.CheckAsync(CancellationToken.None);
        await watch.CheckAsync(CancellationToken.None);

        var texts = await MattermostInbox.TextsAsync(control);
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("⚠️ **AmoHealth не проверяет amoCRM с ", texts[0]);
        Assert.StartsWith("✅ **AmoHealth снова проверяет amoCRM**", texts[1]);
    }

    [Fact]
    public async Task TheApisWarningGoesThroughEveryConfiguredChannelAndAFailedChannelAloneIsTriedAgain()
    {
        await using var mattermost = SimulatorHost.With();
        using var control = mattermost.CreateAmoClient();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.CheckStatuses.Add(Status("GET", time.GetUtcNow().ToUnixTimeMilliseconds()));
            await db.SaveChangesAsync();
        }

        var webhook = new RecordingNotifier("webhook");
        var telegram = new FailingNotifier("telegram", failures: 1);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Alerts:Language", "en")]).Build();
        var watch = new SilenceWatch(new StoreConnections(_database.Options),
            new SchemaState(new StoreConnections(_database.Options)),
            Options.Create(new DashboardOptions { CheckIntervalMs = 30_000 }), configuration,
            ApiChannels.With(new Uri(mattermost.BaseUri, "/hooks/demo"), webhook, telegram), time,
            NullLogger<SilenceWatch>.Instance);

        time.Advance(TimeSpan.FromMinutes(2));
        await watch.CheckAsync(CancellationToken.None);
        await watch.CheckAsync(CancellationToken.None);

        var warning = Assert.Single(webhook.Sent);
        Assert.Equal(NotificationKinds.NotProbing, warning.Kind);
        Assert.StartsWith("⚠️ **AmoHealth has not checked amoCRM since ", warning.Text);
        Assert.Equal(warning.Text, Assert.Single(telegram.Sent).Text);
        Assert.Equal(2, telegram.Attempts);
        Assert.Equal([warning.Text], await MattermostInbox.TextsAsync(control));
    }

    private static CheckStatusRecord Status(string check, long lastCheck) =>
        new() { Account = "acme", CheckType = check, Status = "up", Outcome = Outcome.Up, LastCheck = lastCheck };
}
