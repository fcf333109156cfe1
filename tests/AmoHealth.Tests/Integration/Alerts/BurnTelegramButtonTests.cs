using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.OnCall;
using AmoHealth.Prober.OnCall.Buttons;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>The 🔥 in Telegram carries the inline «Взять в работу» button with signed <c>burn:</c> data; a press takes
/// the burn alert, answers and edits the message; a press with forged data takes nothing.</summary>
[Trait("Ring", "Integration")]
public sealed class BurnTelegramButtonTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ConcurrentQueue<(string Method, JsonElement Body)> _calls = new();
    private LoopbackServer _botApi = null!;
    private LoopbackServer _hooks = null!;
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;
    private TelegramOptions _telegram = null!;

    public async Task InitializeAsync()
    {
        _botApi = await LoopbackServer.StartAsync(async context =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            _calls.Enqueue((context.Request.Path.Value!.Split('/')[^1], body));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"ok":true,"result":true}""");
        });
        _telegram = new TelegramOptions
        {
            BotToken = "123:test", ChatId = "42", ApiBaseUrl = _botApi.BaseUri.ToString(),
        };
        _contexts = await _database.MigrateAsync();
        _connections = ((ITestStore)_database).CreateConnections();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await BurnHistory.WriteAsync(db, "acme", CheckType.Get, Now, 360, BurnHistory.Spread(60, 9, 5, 1));
        }

        _hooks = await LoopbackServer.StartAsync(services =>
        {
            services.AddSingleton(_connections);
            services.AddSingleton<TimeProvider>(_time);
            services.AddSingleton<IOnCallCommands>(BurnCommands.Create(_connections, _time));
            services.AddSingleton(Options.Create(new ButtonOptions { ActionSecret = ButtonRig.Secret }));
            services.AddSingleton(Options.Create(new MonitorOptions()));
            services.AddSingleton(Options.Create(_telegram));
            services.AddHttpClient();
            services.AddSingleton<ActionSigner>();
            services.AddSingleton<Acknowledgements>();
            services.AddSingleton<TelegramBot>();
        }, app => app.MapButtonHooks());
    }

    public async Task DisposeAsync()
    {
        await _hooks.DisposeAsync();
        await _botApi.DisposeAsync();
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task APressOnTheFireTakesTheBurnAlertAndAForgedPressTakesNothing()
    {
        var options = Options.Create(new ButtonOptions { ActionSecret = ButtonRig.Secret });
        var monitor = Options.Create(new MonitorOptions { PublicUrl = _hooks.BaseUri.ToString() });
        var signer = new ActionSigner(options, monitor);
        var buttons = new AckButtons(signer, options, monitor, _time, NullLogger<AckButtons>.Instance, _connections);
        var rig = new BurnRig(_connections, _time, new SloOptions { Target = 99 }, buttons: buttons,
            channel: new TelegramNotifier(new PlainHttpClients(), Options.Create(_telegram)));
        await rig.LookAsync();
        var sent = Assert.Single(_calls);
        var data = sent.Body.GetProperty("reply_markup").GetProperty("inline_keyboard")[0][0]
            .GetProperty("callback_data").GetString()!;
        await using var db = await _contexts.CreateDbContextAsync();
        var id = await db.BurnAlerts.Where(a => a.Rule == "fast").Select(a => a.Id).SingleAsync();
        _calls.Clear();

        using var forged = await PressAsync($"burn:{id + 1}:{data.Split(':')[2]}", signer.TelegramSecret!);
        var forgedAnswer = Assert.Single(_calls).Body.GetProperty("text").GetString();
        _calls.Clear();
        using var press = await PressAsync(data, signer.TelegramSecret!);

        Assert.StartsWith($"burn:{id}:", data);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (forged.StatusCode, press.StatusCode));
        Assert.Equal("Кнопка недействительна: ничего не изменено.", forgedAnswer);
        var calls = _calls.ToList();
        Assert.Equal(["answerCallbackQuery", "editMessageText"], calls.Select(c => c.Method));
        Assert.Equal("Вы взяли сгорание бюджета в работу.", calls[0].Body.GetProperty("text").GetString());
        Assert.Equal("🔥 fire\n\n👤 в работе: anna, с 12:00 (Europe/Moscow)",
            calls[1].Body.GetProperty("text").GetString());
        await using var check = await _contexts.CreateDbContextAsync();
        Assert.Equal("anna",
            await check.BurnAlerts.Where(a => a.Id == id).Select(a => a.AcknowledgedBy).SingleAsync());
    }

    private async Task<HttpResponseMessage> PressAsync(string data, string token)
    {
        using var client = new HttpClient { BaseAddress = _hooks.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ButtonHooksApi.TelegramPath}/{token}")
        {
            Content = new StringContent($$$"""
                {"update_id":10,"callback_query":{"id":"q1","from":{"id":7,"username":"anna","first_name":"Anna"},
                 "message":{"message_id":5,"chat":{"id":42},"text":"🔥 fire"},"data":"{{{data}}}"}}
                """, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ButtonHooksApi.TelegramSecretHeader, token);
        return await client.SendAsync(request);
    }
}
