using AmoHealth.Core.Checks;
using System.Collections.Concurrent;
using System.Text.Json;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Extensions;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Alerts;

[Trait("Ring", "Integration")]
public sealed class NotifierTests
{
    [Fact]
    public void EveryNotifierImplementationIsRegistered()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddProberServices();

        var registered = builder.Services
            .Where(d => d.ServiceType == typeof(INotifier))
            .Select(d => d.ImplementationType)
            .ToHashSet();
        var implementations = typeof(INotifier).Assembly.GetTypes()
            .Where(t => typeof(INotifier).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false });

        Assert.All(implementations, t => Assert.Contains(t, registered));
        Assert.Equal(3, registered.Count);
    }

    [Fact]
    public async Task TelegramAndTheGenericWebhookReceiveTheAlertInTheirOwnShape()
    {
        var received = new ConcurrentQueue<(string Path, JsonElement Body)>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            received.Enqueue((context.Request.Path,
                (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone()));
            await context.Response.WriteAsync("""{"ok":true}""");
        });
        var telegram = new TelegramNotifier(new PlainHttpClients(), Options.Create(new TelegramOptions
        {
            BotToken = "123:secret", ChatId = "@alerts", ApiBaseUrl = server.BaseUri.ToString(),
        }));
        var webhook = new WebhookNotifier(new PlainHttpClients(),
            Options.Create(new WebhookOptions { Url = new Uri(server.BaseUri, "/alerts").ToString() }));
        var alert = new NotificationRecord { Account = "acme", CheckType = "GET", Kind = "down", IncidentId = 7,
            Text = "🔴 **GET не работает**", CreatedAt = 5 };

        Assert.Null(await telegram.SendAsync(alert, CancellationToken.None));
        Assert.Null(await webhook.SendAsync(alert, CancellationToken.None));

        var (telegramPath, telegramBody) = received.ToArray()[0];
        Assert.Equal("/bot123:secret/sendMessage", telegramPath);
        Assert.Equal("@alerts", telegramBody.GetProperty("chat_id").GetString());
        Assert.Equal("🔴 GET не работает", telegramBody.GetProperty("text").GetString());
        var (_, webhookBody) = received.ToArray()[1];
        Assert.Equal(("acme", "GET", "down", 7L),
            (webhookBody.GetProperty("account").GetString(), webhookBody.GetProperty("checkType").GetString(),
            webhookBody.GetProperty("kind").GetString(), webhookBody.GetProperty("incidentId").GetInt64()));
    }

    [Fact]
    public void AHalfConfiguredChannelIsLeftOutWithAWarningAndTheOthersStay()
    {
        var logger = new ListLogger<Notifiers>();
        var mattermost = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = "http://127.0.0.1:1/hooks/x" }));
        var telegram = new TelegramNotifier(new PlainHttpClients(),
            Options.Create(new TelegramOptions { BotToken = "123:secret" }));

        var notifiers = new Notifiers([mattermost, telegram],
            [new NotifierSection("telegram", "Notifications:Telegram")], logger);

        Assert.Equal(["mattermost"], notifiers.Enabled.Select(n => n.Name));
        var warning = Assert.Single(logger.Messages);
        Assert.Contains("telegram is disabled: no Notifications:Telegram:ChatId", warning);
        Assert.DoesNotContain("secret", warning);
    }

    [Fact]
    public async Task AFailingChannelNeverHoldsBackAnother()
    {
        using var database = new TempDatabase();
        var contexts = await database.MigrateAsync();
        var got = new ConcurrentQueue<string>();
        await using var webhookServer = await LoopbackServer.StartAsync(async context =>
        {
            got.Enqueue((await JsonDocument.ParseAsync(context.Request.Body))
                .RootElement.GetProperty("text").GetString()!);
        });
        var deadMattermost = new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = $"http://127.0.0.1:{RedisServer.FreePort()}/hooks/x" }));
        var webhook = new WebhookNotifier(new PlainHttpClients(),
            Options.Create(new WebhookOptions { Url = webhookServer.BaseUri.ToString() }));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var incident = new IncidentRecord { Account = "acme", CheckType = "GET", Kind = Outcome.Down,
                StartTime = 1, CreatedAt = 1 };
            db.Incidents.Add(incident);
            foreach (var channel in new[] { "mattermost", "webhook" })
            {
                foreach (var kind in new[] { "down", "restored" })
                {
                    db.Notifications.Add(new NotificationRecord
                    {
                        Account = "acme", CheckType = "GET", Incident = incident, Channel = channel, Kind = kind,
                            Text = $"{kind} via {channel}",
                    });
                }
            }

            await db.SaveChangesAsync();
        }

        await using var connections = ((ITestStore)database).CreateConnections();
        var (dispatcher, _) = Dispatchers.Create(connections,
            new Notifiers([deadMattermost, webhook], [], NullLogger<Notifiers>.Instance),
            new AlertOptions { GroupWindowSeconds = 0 }, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var delivered = await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(2, delivered);
        Assert.Equal(["down via webhook", "restored via webhook"], got);
        await using var check = await contexts.CreateDbContextAsync();
        Assert.Equal(2, await check.Notifications.CountAsync(n => n.Channel == "mattermost" && n.DeliveredAt == null));
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
