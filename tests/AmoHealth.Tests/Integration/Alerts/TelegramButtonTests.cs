using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.OnCall.Buttons;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>The Telegram "take it" button against a loopback Bot API: the down message carries an inline keyboard with
/// signed callback data; the press, delivered to the webhook with its secret token, takes the incident, answers the
/// query and edits the message; a press without the secret changes nothing.</summary>
[Trait("Ring", "Integration")]
public sealed class TelegramButtonTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 0, 12, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<(string Method, JsonElement Body)> _calls = new();
    private LoopbackServer _botApi = null!;
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;
    private StoreConnections _connections = null!;
    private ButtonRig _rig = null!;
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
        _rig = await ButtonRig.StartAsync(_connections, _time, _telegram);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _botApi.DisposeAsync();
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task APressOnTheDownMessagesButtonTakesTheIncidentAnswersAndEditsTheMessage()
    {
        var data = await SendDownAsync();
        Assert.StartsWith("ack:1:", data);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(data) <= 64);
        _calls.Clear();

        using var response = await PressAsync(data, _rig.Signer.TelegramSecret!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anna", await TakenByAsync());
        var calls = _calls.ToList();
        Assert.Equal(["answerCallbackQuery", "editMessageText"], calls.Select(c => c.Method));
        Assert.Equal("q1", calls[0].Body.GetProperty("callback_query_id").GetString());
        Assert.Equal((42L, 5L), (calls[1].Body.GetProperty("chat_id").GetInt64(),
            calls[1].Body.GetProperty("message_id").GetInt64()));
        Assert.Equal("🔴 GET\n\n👤 в работе: anna, с 03:12 (Europe/Moscow)",
            calls[1].Body.GetProperty("text").GetString());
        Assert.False(calls[1].Body.TryGetProperty("reply_markup", out _));
    }

    [Fact]
    public async Task APressWithoutTheSecretTokenOrWithForgedDataChangesNothing()
    {
        var data = await SendDownAsync();
        _calls.Clear();

        using var noToken = await PressAsync(data, "wrong-token");
        using var forged = await PressAsync(data[..^1] + (data[^1] == 'A' ? 'B' : 'A'), _rig.Signer.TelegramSecret!);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (noToken.StatusCode, forged.StatusCode));
        Assert.Null(await TakenByAsync());
        Assert.Empty(_rig.Commands.Received);
        var answer = Assert.Single(_calls);
        Assert.Equal("answerCallbackQuery", answer.Method);
    }

    private async Task<string> SendDownAsync()
    {
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var incident = new IncidentRecord { Account = "acme", CheckType = "GET", Kind = Outcome.Down,
                StartTime = now, CreatedAt = now };
            db.Incidents.Add(incident);
            db.Notifications.Add(new NotificationRecord
            {
                Account = "acme", CheckType = "GET", Incident = incident, Kind = NotificationKinds.Down,
                Text = "🔴 **GET**", CreatedAt = now, NextAttemptAt = now, Channel = "telegram",
            });
            await db.SaveChangesAsync();
        }

        var telegram = new TelegramNotifier(new PlainHttpClients(), Options.Create(_telegram));
        var dispatcher = Dispatchers.Create(_connections,
            new Notifiers([telegram], [], NullLogger<Notifiers>.Instance), new AlertOptions { GroupWindowSeconds = 0 },
            _time, buttons: _rig.Buttons).Dispatcher;
        Assert.Equal(1, await dispatcher.DeliverDueAsync(CancellationToken.None));
        var sent = Assert.Single(_calls);
        Assert.Equal(("sendMessage", "🔴 GET"), (sent.Method, sent.Body.GetProperty("text").GetString()));
        var button = sent.Body.GetProperty("reply_markup").GetProperty("inline_keyboard")[0][0];
        Assert.Equal("Взять в работу", button.GetProperty("text").GetString());
        return button.GetProperty("callback_data").GetString()!;
    }

    private async Task<HttpResponseMessage> PressAsync(string data, string token)
    {
        using var client = new HttpClient { BaseAddress = _rig.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{ButtonHooksApi.TelegramPath}/{_rig.Signer.TelegramSecret}")
        {
            Content = new StringContent($$$"""
                {"update_id":10,"callback_query":{"id":"q1","from":{"id":7,"username":"anna","first_name":"Anna"},
                 "message":{"message_id":5,"chat":{"id":42},"text":"🔴 GET"},"data":"{{{data}}}"}}
                """, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ButtonHooksApi.TelegramSecretHeader, token);
        return await client.SendAsync(request);
    }

    private async Task<string?> TakenByAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.Incidents.Select(i => i.AcknowledgedBy).SingleAsync();
    }
}
