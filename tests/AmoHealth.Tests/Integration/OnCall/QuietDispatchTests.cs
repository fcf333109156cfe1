using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>Silences and page maintenance windows against a whole Prober, its outbox and the simulator's Mattermost:
/// what is silenced is marked and never posted, what is in maintenance is held and marked.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class QuietDispatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);
    private readonly TempDatabase _database = new();
    private SimulatorHost _simulator = null!;
    private HttpClient _control = null!;
    private ProberHost _prober = null!;
    private HttpClient _client = null!;

    private string Account => _simulator.BaseUri.Authority;

    public async Task InitializeAsync()
    {
        _simulator = SimulatorHost.With();
        _control = _simulator.CreateAmoClient();
        _prober = ProberHost.For(_simulator, _database, new()
        {
            ["MATTERMOST_WEBHOOK_URL"] = new Uri(_simulator.BaseUri, "/hooks/demo").ToString(),
            ["CHECK_INTERVAL"] = "2000",
            ["TIMEOUT_THRESHOLD"] = "1500",
            ["Alerts:ConfirmAfterSeconds:0"] = "1",
            ["Alerts:ConfirmAfterSeconds:1"] = "2",
        });
        _client = _prober.CreateClient();
        await Eventually.TrueAsync(() => _simulator.Account.Leads.Count >= 1, Wait, "the first cycle");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _prober.DisposeAsync();
        _control.Dispose();
        await _simulator.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ASilencedDownAlertIsMarkedNotPostedAndAlertsGoAgainOnceTheSilenceIsEnded()
    {
        var silence = await SendAsync("operator",
            $$"""{"kind":"silence","account":"{{Account}}","checkType":"GET","minutes":60,"reason":"known"}""");

        await FailGetAsync();
        var down = await RowAsync(n => n.Kind == "down" && n.DeliveredAt != null, "the down alert marked");
        var ended = await SendAsync("operator", $$"""{"kind":"end_silence","id":{{silence.Id()}}}""");
        await RecoverGetAsync();
        await InboxAsync("✅", "the restored alert posted once the silence ended");

        Assert.Equal($"silenced #{silence.Id()}", down.LastError);
        Assert.Equal("applied", ended.Status());
        Assert.DoesNotContain(await MattermostInbox.TextsAsync(_control),
            t => t.StartsWith("🔴", StringComparison.Ordinal));
        await using var db = _database.CreateFactory().CreateDbContext();
        var unsilenced = await db.IncidentEvents.SingleAsync(e => e.Kind == "unsilenced");
        Assert.Equal((down.IncidentId, "anna"), (unsilenced.IncidentId, unsilenced.Actor));
        Assert.Equal("anna", (await db.Silences.SingleAsync()).EndedBy);
    }

    [Fact]
    public async Task ASilenceEndingOnRecoveryEndsWhenTheOutageIsOverAndTheTimelineTellsTheStory()
    {
        var silence = await SendAsync("operator", $$"""{"kind":"silence","account":"{{Account}}","minutes":60,"""
            + "\"reason\":\"amoCRM works on it\",\"endOnRecovery\":true}");

        await FailGetAsync();
        var down = await RowAsync(n => n.Kind == "down" && n.DeliveredAt != null, "the down alert marked");
        await RecoverGetAsync();
        await InboxAsync("✅", "the restored alert");

        Assert.Equal($"silenced #{silence.Id()}", down.LastError);
        Assert.DoesNotContain(await MattermostInbox.TextsAsync(_control),
            t => t.StartsWith("🔴", StringComparison.Ordinal));
        await using var db = _database.CreateFactory().CreateDbContext();
        var stored = await db.Silences.SingleAsync();
        Assert.Equal("recovery", stored.EndedBy);
        Assert.NotNull(stored.EndedAt);
        var timeline = await db.IncidentEvents.Where(e => e.IncidentId == down.IncidentId).OrderBy(e => e.Id)
            .ToListAsync();
        Assert.Equal(["opened", "closed", "unsilenced"], timeline.Select(e => e.Kind));
        Assert.Matches(@"^\d\d:\d\d:\d\dZ http_status 503(; \d\d:\d\d:\d\dZ http_status 503){2,}$", timeline[0].Text);
        Assert.StartsWith("lasted ", timeline[1].Text);
        Assert.Equal($"#{silence.Id()} ended by recovery", timeline[2].Text);
    }

    [Fact]
    public async Task APageMaintenanceWindowHoldsAlertsAndMarksResultsUntilItIsDeleted()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Eventually.TrueAsync(() =>
        {
            using var db = _database.CreateFactory().CreateDbContext();
            return db.HealthChecks.Any();
        }, Wait, "a first stored result");
        var before = await LastResultIdAsync();

        var window = await SendAsync("admin", $$"""
            {"kind":"maintenance","account":"{{Account}}","startsAt":{{now - 60_000}},
            "endsAt":{{now + 3_600_000}},"reason":"amoCRM upgrade"}
            """);
        await FailGetAsync();
        var held = await RowAsync(n => n.Kind == "down" && n.NextAttemptAt == now + 3_600_000, "the down alert held");
        var texts = await MattermostInbox.TextsAsync(_control);
        var inWindow = await LastResultIdAsync();
        var ended = await SendAsync("admin", $$"""{"kind":"end_maintenance","id":{{window.Id()}}}""");
        await InboxAsync("🔴", "the down alert once the window is deleted");

        Assert.Null(held.DeliveredAt);
        Assert.DoesNotContain(texts, t => t.StartsWith("🔴", StringComparison.Ordinal));
        Assert.Equal("applied", ended.Status());
        await using var check = _database.CreateFactory().CreateDbContext();
        var results = await check.HealthChecks.ToListAsync();
        Assert.All(results.Where(h => h.Id <= before), h => Assert.Null(h.InMaintenance));
        // Stored between the window's creation and its deletion.
        var failing = results
            .Where(h => h.Id > before && h.Id <= inWindow && h.CheckType == "GET" && h.Status == "down").ToList();
        Assert.NotEmpty(failing);
        Assert.All(failing, h => Assert.True(h.InMaintenance));
    }

    private async Task<long> LastResultIdAsync()
    {
        await using var db = _database.CreateFactory().CreateDbContext();
        return await db.HealthChecks.MaxAsync(h => (long?)h.Id) ?? 0;
    }

    private Task<System.Text.Json.JsonElement> SendAsync(string role, string json) =>
        OnCallCalls.SendAsync(_client, "anna", role, json);

    private async Task FailGetAsync()
    {
        using var fault = await _control.PostJsonAsync("/__sim/faults", """{"endpoint":"account","status":503}""");
        fault.EnsureSuccessStatusCode();
    }

    private async Task RecoverGetAsync() => (await _control.DeleteAsync("/__sim/faults")).Dispose();

    private Task<NotificationRecord> RowAsync(Func<NotificationRecord, bool> match, string what) =>
        Eventually.GetAsync(async () =>
        {
            await using var db = _database.CreateFactory().CreateDbContext();
            return (await db.Notifications.ToListAsync()).FirstOrDefault(match);
        }, Wait, what);

    private Task InboxAsync(string start, string what) =>
        Eventually.GetAsync(async () => (await MattermostInbox.TextsAsync(_control))
            .Any(t => t.StartsWith(start, StringComparison.Ordinal)) ? new object() : null, Wait, what);
}
