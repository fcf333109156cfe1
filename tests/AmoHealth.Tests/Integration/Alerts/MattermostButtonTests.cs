using System.Text.Json;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>The "take it" button of a down post, clicked in the Simulator's Mattermost as Mattermost does it: the
/// click reaches the Prober's hook, takes every incident of the post and updates the post; a forged, replayed or
/// expired click changes nothing.</summary>
[Trait("Ring", "Integration")]
public sealed class MattermostButtonTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 0, 12, 0, TimeSpan.Zero));
    private SimulatorHost _mattermost = null!;
    private HttpClient _control = null!;
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;
    private ButtonRig _rig = null!;

    public async Task InitializeAsync()
    {
        _mattermost = SimulatorHost.With();
        _control = _mattermost.CreateAmoClient();
        _contexts = await _database.MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
        _rig = await ButtonRig.StartAsync(_connections, _time);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _control.Dispose();
        await _mattermost.DisposeAsync();
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AClickOnAGroupedDownPostTakesAllItsIncidentsAndUpdatesThePost()
    {
        await EnqueueDownAsync("GET", "POST");
        await DeliverAsync();
        var posted = Assert.Single(await MessagesAsync());
        var payload = posted.GetProperty("payload");
        Assert.Equal("🔴 GET\n\n🔴 POST", payload.GetProperty("text").GetString());
        var action = payload.GetProperty("attachments")[0].GetProperty("actions")[0];
        Assert.Equal(("ack", "Взять в работу"), (action.GetProperty("id").GetString(),
            action.GetProperty("name").GetString()));
        Assert.Equal(new Uri(_rig.BaseUri, "/hooks/mattermost/actions").ToString(),
            action.GetProperty("integration").GetProperty("url").GetString());

        var answer = await ClickAsync(0, "anna");

        Assert.Equal("🔴 GET\n\n🔴 POST", answer.GetProperty("update").GetProperty("message").GetString());
        Assert.Equal(["anna", "anna"], await TakenByAsync());
        var updated = Assert.Single(await MessagesAsync()).GetProperty("payload");
        Assert.Equal("🔴 GET\n\n🔴 POST", updated.GetProperty("text").GetString());
        var attachment = Assert.Single(updated.GetProperty("attachments").EnumerateArray());
        Assert.Equal("👤 в работе: anna, с 03:12 (Europe/Moscow)", attachment.GetProperty("text").GetString());
        Assert.False(attachment.TryGetProperty("actions", out _));
        Assert.All(_rig.Commands.Received, c => Assert.Equal(("ack", "mattermost", "anna"),
            (c.Command.Kind, c.Command.Source, c.Actor.Name)));
    }

    [Fact]
    public async Task AClickWithABadSignatureIsRefusedAndChangesNothing()
    {
        await EnqueueDownAsync("GET");
        await DeliverAsync();
        var context = (await MessagesAsync())[0].GetProperty("payload").GetProperty("attachments")[0]
            .GetProperty("actions")[0].GetProperty("integration").GetProperty("context");
        using var client = new HttpClient { BaseAddress = _rig.BaseUri };

        using var response = await client.PostJsonAsync("/hooks/mattermost/actions", $$$"""
            {"user_id":"u1","user_name":"mallory","post_id":"p1","context":{"incidents":"2",
             "exp":{{{context.GetProperty("exp").GetInt64()}}},"sig":"{{{context.GetProperty("sig").GetString()}}}"}}
            """);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.False(answer.TryGetProperty("update", out _));
        Assert.Equal("Кнопка недействительна: ничего не изменено.", answer.GetProperty("ephemeral_text").GetString());
        Assert.Empty(_rig.Commands.Received);
        Assert.Equal([null], await TakenByAsync());
    }

    [Fact]
    public async Task ASecondClickIsRefusedNamingWhoHasItAndLeavesThePostAsTheFirstMadeIt()
    {
        await EnqueueDownAsync("GET");
        await DeliverAsync();
        var context = (await MessagesAsync())[0].GetProperty("payload").GetProperty("attachments")[0]
            .GetProperty("actions")[0].GetProperty("integration").GetProperty("context").GetRawText();
        await ClickAsync(0, "anna");
        var afterFirst = (await MessagesAsync())[0].GetProperty("payload").GetRawText();
        using var client = new HttpClient { BaseAddress = _rig.BaseUri };

        // The same click again, as from a client still showing the button.
        using var replay = await client.PostJsonAsync("/hooks/mattermost/actions",
            """{"user_id":"u2","user_name":"boris","post_id":"p1","context":""" + context + "}");
        var answer = await replay.JsonAsync();

        Assert.False(answer.TryGetProperty("update", out _));
        Assert.Equal("Уже в работе: anna, с 03:12 (Europe/Moscow).", answer.GetProperty("ephemeral_text").GetString());
        Assert.Equal(afterFirst, (await MessagesAsync())[0].GetProperty("payload").GetRawText());
        Assert.Equal(["anna"], await TakenByAsync());
    }

    [Fact]
    public async Task AClickAfterTheButtonExpiredIsRefusedAndTakesNothing()
    {
        await EnqueueDownAsync("GET");
        await DeliverAsync();
        _time.Advance(TimeSpan.FromDays(8));

        var answer = await ClickAsync(0, "anna");

        Assert.False(answer.TryGetProperty("update", out _));
        Assert.StartsWith("Срок действия кнопки истёк", answer.GetProperty("ephemeral_text").GetString());
        Assert.Empty(_rig.Commands.Received);
        Assert.Equal([null], await TakenByAsync());
    }

    private async Task DeliverAsync()
    {
        var mattermost = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = new Uri(_mattermost.BaseUri, "/hooks/demo").ToString() }));
        var dispatcher = Dispatchers.Create(_connections,
            new Notifiers([mattermost], [], NullLogger<Notifiers>.Instance),
            new AlertOptions { GroupWindowSeconds = 3 }, _time, buttons: _rig.Buttons).Dispatcher;
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(await dispatcher.DeliverDueAsync(CancellationToken.None) > 0);
    }

    private async Task<JsonElement> ClickAsync(int index, string user)
    {
        using var response = await _control.PostJsonAsync("/__sim/mattermost/click",
            $$"""{"index":{{index}},"actionId":"ack","userName":"{{user}}"}""");
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    private async Task<List<JsonElement>> MessagesAsync() =>
        [.. (await (await _control.GetAsync("/__sim/mattermost/messages")).JsonAsync()).EnumerateArray()];

    private async Task<List<string?>> TakenByAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.Incidents.OrderBy(i => i.Id).Select(i => i.AcknowledgedBy).ToListAsync();
    }

    private async Task EnqueueDownAsync(params string[] checks)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var check in checks)
        {
            var incident = new IncidentRecord { Account = "acme", CheckType = check, Kind = Outcome.Down,
                StartTime = now, CreatedAt = now };
            db.Incidents.Add(incident);
            db.Notifications.Add(new NotificationRecord
            {
                Account = "acme", CheckType = check, Incident = incident, Kind = NotificationKinds.Down,
                Text = $"🔴 {check}", CreatedAt = now, NextAttemptAt = now, Channel = "mattermost",
            });
        }

        await db.SaveChangesAsync();
    }
}
