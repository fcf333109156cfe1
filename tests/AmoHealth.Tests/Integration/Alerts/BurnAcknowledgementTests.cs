using System.Text.Json;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.OnCall;
using AmoHealth.Prober.OnCall.Buttons;
using AmoHealth.ServiceDefaults.Access;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>Taking a burn alert: the <c>ack_burn</c> command (one conditional UPDATE: 404, 409 naming who, 403 for a
/// viewer), and the «Взять в работу» button of the 🔥 post clicked in the Simulator's Mattermost; the ✅ then names
/// who took it. A forged, repeated or expired click changes nothing.</summary>
[Trait("Ring", "Integration")]
public sealed class BurnAcknowledgementTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly SloOptions Slo = new() { Target = 99 };
    private readonly TempDatabase _database = new();
    private readonly TimerClock _time = new(Now);
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        _contexts = await _database.MigrateAsync();
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
    public async Task AnOperatorTakesAnOpenBurnAlertOnceAndItsAllClearNamesThem()
    {
        var rig = new BurnRig(_connections, _time, Slo);
        await rig.LookAsync();
        var id = await FastIdAsync();
        var commands = BurnCommands.Create(_connections, _time);

        var viewer = await AckAsync(commands, id, "vera", Role.Viewer);
        var taken = await AckAsync(commands, id, "anna", Role.Operator);
        var again = await AckAsync(commands, id, "boris", Role.Operator);
        var unknown = await AckAsync(commands, id + 100, "anna", Role.Operator);
        await PassMinutesAsync(rig, 5);
        var closed = await AckAsync(commands, id, "boris", Role.Operator);

        Assert.Equal(OnCallReply.Forbidden, viewer.Status);
        Assert.Equal((OnCallReply.Applied, (long?)id), (taken.Status, taken.Id));
        Assert.Equal((OnCallReply.Conflict, $"Burn alert #{id} is already acknowledged by anna."),
            (again.Status, again.Message));
        Assert.Equal(OnCallReply.NotFound, unknown.Status);
        Assert.Equal((OnCallReply.Conflict, $"Burn alert #{id} is closed."), (closed.Status, closed.Message));
        await using var db = await _contexts.CreateDbContextAsync();
        var alert = await db.BurnAlerts.SingleAsync(a => a.Id == id);
        Assert.Equal(("anna", (long?)Now.ToUnixTimeMilliseconds()), (alert.AcknowledgedBy, alert.AcknowledgedAt));
        var sent = rig.Sent;
        Assert.Equal([NotificationKinds.Burn, NotificationKinds.BurnCleared], sent.Select(n => n.Kind));
        Assert.EndsWith("\nРазобрал(а): anna", sent[1].Text);
    }

    [Fact]
    public async Task AClickOnTheFirePostsButtonTakesTheAlertAndARepeatedClickIsRefused()
    {
        await using var mattermost = SimulatorHost.With();
        using var control = mattermost.CreateAmoClient();
        await using var hooks = await HooksAsync();
        var rig = Rig(mattermost, hooks);
        await rig.LookAsync();
        var id = await FastIdAsync();
        var post = (await MessagesAsync(control))[0].GetProperty("payload");
        var action = post.GetProperty("attachments")[0].GetProperty("actions")[0];
        var context = action.GetProperty("integration").GetProperty("context");

        var answer = await ClickAsync(control, "anna");
        // The same click again, as from a client still showing the button.
        using var client = new HttpClient { BaseAddress = hooks.BaseUri };
        using var again = await client.PostJsonAsync(AckButtons.MattermostPath,
            """{"user_id":"u2","user_name":"boris","context":""" + context.GetRawText() + "}");
        var repeat = await again.JsonAsync();

        Assert.Equal("Взять в работу", action.GetProperty("name").GetString());
        Assert.Equal($"burn:{id}", context.GetProperty("incidents").GetString());
        Assert.Equal("Вы взяли сгорание бюджета в работу.", answer.GetProperty("ephemeral_text").GetString());
        Assert.Equal(post.GetProperty("text").GetString(), answer.GetProperty("update").GetProperty("message")
            .GetString());
        Assert.StartsWith("🔥 **Бюджет ошибок сгорает", post.GetProperty("text").GetString());
        var updated = (await MessagesAsync(control))[0].GetProperty("payload").GetProperty("attachments")[0];
        Assert.Equal("👤 в работе: anna, с 12:00 (Europe/Moscow)", updated.GetProperty("text").GetString());
        Assert.Equal("Уже в работе: anna, с 12:00 (Europe/Moscow).", repeat.GetProperty("ephemeral_text").GetString());
        Assert.Equal("anna", await TakenByAsync(id));
    }

    [Fact]
    public async Task AForgedOrExpiredClickOnTheFirePostTakesNothing()
    {
        await using var mattermost = SimulatorHost.With();
        using var control = mattermost.CreateAmoClient();
        await using var hooks = await HooksAsync();
        var rig = Rig(mattermost, hooks);
        await rig.LookAsync();
        var id = await FastIdAsync();
        var context = (await MessagesAsync(control))[0].GetProperty("payload").GetProperty("attachments")[0]
            .GetProperty("actions")[0].GetProperty("integration").GetProperty("context");
        using var client = new HttpClient { BaseAddress = hooks.BaseUri };

        // The signature of this alert's button, put on another burn alert and on the incident with the same id.
        var forged = new List<string?>();
        var (exp, sig) = (context.GetProperty("exp").GetInt64(), context.GetProperty("sig").GetString());
        foreach (var named in new[] { $"burn:{id + 1}", $"{id}" })
        {
            using var response = await client.PostJsonAsync(AckButtons.MattermostPath, $$$"""
                {"user_id":"u1","user_name":"mallory","context":{"incidents":"{{{named}}}",
                 "exp":{{{exp}}},"sig":"{{{sig}}}"}}
                """);
            forged.Add((await response.JsonAsync()).GetProperty("ephemeral_text").GetString());
        }

        _time.Advance(TimeSpan.FromDays(8));
        var expired = await ClickAsync(control, "anna");

        Assert.All(forged, text => Assert.Equal("Кнопка недействительна: ничего не изменено.", text));
        Assert.StartsWith("Срок действия кнопки истёк", expired.GetProperty("ephemeral_text").GetString());
        Assert.Null(await TakenByAsync(id));
    }

    private BurnRig Rig(SimulatorHost mattermost, LoopbackServer hooks)
    {
        var options = Options.Create(new ButtonOptions { ActionSecret = ButtonRig.Secret });
        var monitor = Options.Create(new MonitorOptions { PublicUrl = hooks.BaseUri.ToString() });
        var buttons = new AckButtons(new ActionSigner(options, monitor), options, monitor, _time,
            NullLogger<AckButtons>.Instance, _connections);
        var channel = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = new Uri(mattermost.BaseUri, "/hooks/demo").ToString() }));
        return new BurnRig(_connections, _time, Slo, buttons: buttons, channel: channel);
    }

    /// <summary>The Prober's button hooks with its real command applier.</summary>
    private Task<LoopbackServer> HooksAsync() => LoopbackServer.StartAsync(services =>
    {
        services.AddSingleton(_connections);
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IOnCallCommands>(BurnCommands.Create(_connections, _time));
        services.AddSingleton(Options.Create(new ButtonOptions { ActionSecret = ButtonRig.Secret }));
        services.AddSingleton(Options.Create(new MonitorOptions()));
        services.AddSingleton(Options.Create(new TelegramOptions()));
        services.AddHttpClient();
        services.AddSingleton<ActionSigner>();
        services.AddSingleton<Acknowledgements>();
        services.AddSingleton<TelegramBot>();
    }, app => app.MapButtonHooks());

    private static Task<OnCallReply> AckAsync(IOnCallCommands commands, long id, string who, Role role) =>
        commands.ApplyAsync(new OnCallCommand { Kind = OnCallCommandKinds.AcknowledgeBurn, Id = id, Source = "api" },
            new Actor(who, role), CancellationToken.None);

    private async Task PassMinutesAsync(BurnRig rig, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await using (var db = await _contexts.CreateDbContextAsync())
            {
                await BurnHistory.WriteAsync(db, "acme", CheckType.Get, _time.GetUtcNow(), 1, new HashSet<int>());
            }

            await rig.LookAsync();
        }
    }

    private static async Task<JsonElement> ClickAsync(HttpClient control, string user)
    {
        using var response = await control.PostJsonAsync("/__sim/mattermost/click",
            $$"""{"index":0,"actionId":"ack","userName":"{{user}}"}""");
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    private static async Task<List<JsonElement>> MessagesAsync(HttpClient control) =>
        [.. (await (await control.GetAsync("/__sim/mattermost/messages")).JsonAsync()).EnumerateArray()];

    private async Task<long> FastIdAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.BurnAlerts.Where(a => a.Rule == "fast").Select(a => a.Id).SingleAsync();
    }

    private async Task<string?> TakenByAsync(long id)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.BurnAlerts.Where(a => a.Id == id).Select(a => a.AcknowledgedBy).SingleAsync();
    }
}
