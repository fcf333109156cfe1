using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>Every on-call command through the Prober's <c>POST /internal/oncall</c>, on a whole Prober watching a
/// healthy simulator, once per storage provider.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public abstract class OnCallCommandTests(ITestStore store) : IAsyncLifetime
{
    private readonly ITestStore _store = store;
    private SimulatorHost _simulator = null!;
    private ProberHost _prober = null!;
    private HttpClient _client = null!;
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;

    private string Account => _simulator.BaseUri.Authority;

    public async Task InitializeAsync()
    {
        _contexts = await _store.MigrateAsync();
        _simulator = SimulatorHost.With();
        var settings = new Dictionary<string, string>
        {
            ["AMOCRM_DOMAIN"] = _simulator.BaseUri.ToString(),
            ["AMOCRM_ACCESS_TOKEN"] = SimulatorHost.Token,
            ["Monitor:MaxRequestsPerSecond"] = "5",
        };
        if (_store is TempDatabase sqlite)
        {
            settings["Storage:Path"] = sqlite.Path;
        }
        else
        {
            settings["Storage:Provider"] = "postgres";
            settings["ConnectionStrings:amohealth"] = ((TempPostgresDatabase)_store).ConnectionString;
        }

        _prober = new ProberHost(settings);
        _client = _prober.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _prober.DisposeAsync();
        await _simulator.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task AViewerIsRefusedAndAnOperatorsAcknowledgementIsWrittenWithWhoAndFromWhere()
    {
        var open = await IncidentAsync(CheckType.Get, closed: false);
        var closed = await IncidentAsync(CheckType.Post, closed: true);

        var viewer = await SendAsync("vera", "viewer", $$"""{"kind":"ack","id":{{open}},"source":"dashboard"}""");
        var headless = await SendAsync("vera", null, $$"""{"kind":"ack","id":{{open}}}""");
        var anna = await SendAsync("anna", "operator", $$"""{"kind":"ack","id":{{open}},"source":"dashboard"}""");
        var boris = await SendAsync("boris", "admin", $$"""{"kind":"ack","id":{{open}}}""");
        var late = await SendAsync("anna", "operator", $$"""{"kind":"ack","id":{{closed}}}""");
        var missing = await SendAsync("anna", "operator", """{"kind":"ack","id":987654}""");
        var noId = await SendAsync("anna", "operator", """{"kind":"ack"}""");

        Assert.Equal(("forbidden", "forbidden"), (viewer.Status(), headless.Status()));
        Assert.Contains("operator", viewer.Message());
        Assert.Equal(("applied", open), (anna.Status(), anna.Id()));
        Assert.Equal("conflict", boris.Status());
        Assert.Contains("already acknowledged by anna", boris.Message());
        Assert.Equal("conflict", late.Status());
        Assert.Contains("closed", late.Message());
        Assert.Equal(("not_found", "invalid"), (missing.Status(), noId.Status()));
        await using var db = await _contexts.CreateDbContextAsync();
        var incident = await db.Incidents.SingleAsync(i => i.Id == open);
        Assert.Equal("anna", incident.AcknowledgedBy);
        Assert.NotNull(incident.AcknowledgedAt);
        var entry = Assert.Single(await db.IncidentEvents.ToListAsync());
        Assert.Equal((open, "acknowledged", "anna", "dashboard"), (entry.IncidentId, entry.Kind, entry.Actor,
            entry.Text));
    }

    [Fact]
    public async Task OfTwoAcknowledgementsAtOnceExactlyOneIsAppliedAndTheOtherNamesTheWinner()
    {
        var open = await IncidentAsync(CheckType.Get, closed: false);

        var replies = await Task.WhenAll(
            SendAsync("anna", "operator", $$"""{"kind":"ack","id":{{open}}}"""),
            SendAsync("boris", "operator", $$"""{"kind":"ack","id":{{open}}}"""));

        Assert.Equal(["applied", "conflict"], replies.Select(r => r.Status()).Order());
        await using var db = await _contexts.CreateDbContextAsync();
        var winner = (await db.Incidents.SingleAsync(i => i.Id == open)).AcknowledgedBy;
        Assert.Contains($"already acknowledged by {winner}", replies.Single(r => r.Status() == "conflict").Message());
        var entry = Assert.Single(await db.IncidentEvents.ToListAsync());
        Assert.Equal(("acknowledged", winner), (entry.Kind, entry.Actor));
    }

    [Fact]
    public async Task NotesAndSilencesAreValidatedAppliedAndWrittenOnTheTimelinesInTheirScope()
    {
        var get = await IncidentAsync(CheckType.Get, closed: false);
        // Outside the silence's scope (one check): no entry.
        await IncidentAsync(CheckType.Hook, closed: false);

        var note = await SendAsync("anna", "operator",
            $$"""{"kind":"note","id":{{get}},"text":" the 503s come from the balancer ","isPublic":true}""");
        var empty = await SendAsync("anna", "operator", $$"""{"kind":"note","id":{{get}},"text":"  "}""");
        var tooLong = await SendAsync("anna", "operator",
            $$"""{"kind":"note","id":{{get}},"text":"{{new string('x', 2001)}}"}""");
        var stranger = await SendAsync("anna", "operator",
            """{"kind":"silence","account":"nobody","minutes":30,"reason":"r"}""");
        var brief = await SendAsync("anna", "operator",
            $$"""{"kind":"silence","account":"{{Account}}","minutes":4,"reason":"r"}""");
        var silence = await SendAsync("anna", "operator",
            $$"""{"kind":"silence","account":"{{Account}}","checkType":"GET","minutes":30,"reason":"known outage"}""");
        var viewer = await SendAsync("vera", "viewer", $$"""{"kind":"end_silence","id":{{silence.Id()}}}""");
        var ended = await SendAsync("boris", "operator", $$"""{"kind":"end_silence","id":{{silence.Id()}}}""");
        var again = await SendAsync("boris", "operator", $$"""{"kind":"end_silence","id":{{silence.Id()}}}""");

        Assert.Equal("applied", note.Status());
        Assert.Equal(("invalid", "invalid"), (empty.Status(), tooLong.Status()));
        Assert.Contains("Unknown account 'nobody'", stranger.Message());
        Assert.Contains("minutes must be 5 to 10080", brief.Message());
        Assert.Equal(("applied", "forbidden", "applied", "not_found"),
            (silence.Status(), viewer.Status(), ended.Status(), again.Status()));
        await using var db = await _contexts.CreateDbContextAsync();
        var stored = await db.Silences.SingleAsync();
        Assert.Equal((Account, "GET", "known outage", "anna", "boris"),
            (stored.Account, stored.CheckType, stored.Reason, stored.CreatedBy, stored.EndedBy));
        Assert.Equal(30 * 60_000L, stored.EndsAt - stored.StartsAt);
        var entries = await db.IncidentEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.All(entries, e => Assert.Equal(get, e.IncidentId));
        Assert.Equal(
            [("note", "anna", "the 503s come from the balancer", true), ("silenced", "anna", null, false),
                ("unsilenced", "boris", $"#{stored.Id} ended", false)],
            entries.Select(e => (e.Kind, e.Actor, e.Kind == "silenced" ? null : e.Text, e.Public)));
        Assert.Equal(note.Id(), entries[0].Id);
        Assert.EndsWith(": known outage", entries[1].Text);
    }

    [Fact]
    public async Task OnlyAnAdminPlansMaintenanceOneOffOrWeeklyInTheTeamsZoneAndDeletesIt()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var once = $$"""{"kind":"maintenance","startsAt":{{now + 3_600_000}},"endsAt":{{now + 7_200_000}},"""
            + "\"reason\":\"upgrade\"}";

        var byOperator = await SendAsync("anna", "operator", once);
        var planned = await SendAsync("olga", "admin", once);
        var weekly = await SendAsync("olga", "admin",
            $$"""{"kind":"maintenance","account":"{{Account}}","weekday":0,"startTime":"03:00","""
            + "\"durationMinutes\":60,\"reason\":\"backup\"}");
        var badTime = await SendAsync("olga", "admin",
            """{"kind":"maintenance","weekday":0,"startTime":"25:00","durationMinutes":60,"reason":"r"}""");
        var both = await SendAsync("olga", "admin",
            $$"""{"kind":"maintenance","startsAt":{{now}},"endsAt":{{now + 60_000}},"weekday":1,"reason":"r"}""");
        var backwards = await SendAsync("olga", "admin",
            $$"""{"kind":"maintenance","startsAt":{{now + 60_000}},"endsAt":{{now}},"reason":"r"}""");
        var deleted = await SendAsync("olga", "admin", $$"""{"kind":"end_maintenance","id":{{planned.Id()}}}""");
        var again = await SendAsync("olga", "admin", $$"""{"kind":"end_maintenance","id":{{planned.Id()}}}""");
        var unknown = await SendAsync("olga", "admin", """{"kind":"reboot"}""");

        Assert.Equal(("forbidden", "applied", "applied"), (byOperator.Status(), planned.Status(), weekly.Status()));
        Assert.Contains("admin", byOperator.Message());
        Assert.Contains("startTime must be HH:mm", badTime.Message());
        Assert.Contains("not both", both.Message());
        Assert.Contains("endsAt must be after startsAt", backwards.Message());
        Assert.Equal(("applied", "not_found", "invalid"), (deleted.Status(), again.Status(), unknown.Status()));
        await using var db = await _contexts.CreateDbContextAsync();
        var windows = await db.MaintenanceWindows.OrderBy(w => w.Id).ToListAsync();
        Assert.Equal(2, windows.Count);
        Assert.Equal(((string?)null, (long?)(now + 3_600_000), "upgrade", "olga", "Europe/Moscow"),
            (windows[0].Account, windows[0].StartsAt, windows[0].Reason, windows[0].CreatedBy, windows[0].TimeZone));
        Assert.NotNull(windows[0].DeletedAt);
        Assert.Equal(((string?)Account, (int?)0, (string?)"03:00", (int?)60, (long?)null),
            (windows[1].Account, windows[1].Weekday, windows[1].StartTime, windows[1].DurationMinutes,
                windows[1].DeletedAt));
    }

    private Task<System.Text.Json.JsonElement> SendAsync(string user, string? role, string json) =>
        OnCallCalls.SendAsync(_client, user, role, json);

    private async Task<long> IncidentAsync(string checkType, bool closed)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var incident = new IncidentRecord
        {
            Account = Account, CheckType = checkType, Kind = Outcome.Down, StartTime = now - 60_000,
            CreatedAt = now - 45_000, EndTime = closed ? now - 1_000 : null, Duration = closed ? 59_000 : null,
            Details = "HTTP 503",
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    }
}
