using System.Diagnostics;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Diagnostics;

/// <summary>
/// Configured secrets are masked by value, wherever a URL holding them turns up: span tags, span events, recorded
/// exceptions, exported logs and the console. Their shapes are not guessable (a path segment of a generic
/// webhook, a heartbeat URL, a bot token), so only their values can find them.
/// </summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class SecretValuesInTelemetryTests
{
    private const string WebhookSecret = "whsecretQ1w2e3r4t5y6u7";
    private const string HeartbeatSecret = "hbsecretA1s2d3f4g5h6j7";
    private const string MattermostSecret = "mmsecretP0o9i8u7y6t5r4";
    private const string TelegramToken = "987654:tgSecretZ1x2c3v4b5n6";
    private static readonly ActivitySource Source = new("AmoHealth.Tests.Secrets");

    [Fact]
    public async Task AFailingChannelLeavesNoConfiguredSecretInSpansEventsExceptionsOrLogs()
    {
        // Nothing listens on this port: every channel and the heartbeat fail to connect.
        var port = RedisServer.FreePort();
        var closed = $"http://127.0.0.1:{port}";
        var webhook = $"{closed}/alerts/{WebhookSecret}";
        var heartbeat = $"{closed}/ping/{HeartbeatSecret}";
        var mattermost = $"{closed}/mm/{MattermostSecret}";
        using var database = new TempDatabase();
        await using var simulator = SimulatorHost.With([]);
        using var control = simulator.CreateAmoClient();
        var capture = new TelemetryCapture();
        await using var prober = ProberHost.For(simulator, database, new()
        {
            ["MATTERMOST_WEBHOOK_URL"] = mattermost,
            ["Notifications:Webhook:Url"] = webhook,
            ["Notifications:Telegram:BotToken"] = TelegramToken,
            ["Notifications:Telegram:ChatId"] = "@alerts",
            ["Notifications:Telegram:ApiBaseUrl"] = closed,
            ["Monitor:HeartbeatUrl"] = heartbeat,
            ["CHECK_INTERVAL"] = "2000",
            ["Alerts:ConfirmAfterSeconds:0"] = "1",
            ["Alerts:ConfirmAfterSeconds:1"] = "2",
        }, capture.AddTo);
        using var client = prober.CreateClient();

        // The heartbeat pings each cycle; an outage makes every channel try to send (and fail).
        await Eventually.TrueAsync(() =>
            capture.Spans.Any(s => s.StartsWith("GET ", StringComparison.Ordinal)
            && s.Contains($"server.port={port}", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "a heartbeat span");
        using (var fault = await control.PostJsonAsync("/__sim/faults", """{"endpoint":"account","status":503}"""))
        {
            fault.EnsureSuccessStatusCode();
        }

        foreach (
            var channel in new[] { "Mattermost is unreachable", "The webhook is unreachable",
            "Telegram is unreachable" })
        {
            await Eventually.TrueAsync(() => capture.Logs.Any(l => l.Contains(channel, StringComparison.Ordinal)),
                TimeSpan.FromSeconds(40), channel);
        }

        // A failure whose exception message holds the URL, as a span event, a recorded exception and a log.
        var failure = new HttpRequestException(
            $"POST {webhook} failed; tried {mattermost} and {closed}/bot{TelegramToken}/sendMessage");
        using (var activity = Source.StartActivity("send alert"))
        {
            Assert.NotNull(activity);
            activity.SetTag("url.full", heartbeat);
            activity.AddException(failure);
            activity.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["target"] = webhook }));
            activity.SetStatus(ActivityStatusCode.Error, failure.Message);
        }

        var logger = prober.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AmoHealth.Tests.Secrets");
        logger.LogWarning(failure, "Sending to {Target} failed: {Reason}", webhook, failure.Message);
        var console = WriteToConsole(prober.Services, failure);

        await Eventually.TrueAsync(() => capture.Spans.Any(s => s.StartsWith("send alert", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), "the test span");
        await Eventually.TrueAsync(() => capture.Logs.Any(l => l.Contains("Sending to", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), "the test log");
        foreach (
            var secret in new[] { WebhookSecret, HeartbeatSecret, MattermostSecret, TelegramToken,
            "tgSecretZ1x2c3v4b5n6" })
        {
            var span = capture.Spans.FirstOrDefault(s => s.Contains(secret, StringComparison.Ordinal));
            Assert.True(span is null, $"A span holds a secret: {span}");
            var log = capture.Logs.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(log is null, $"A log holds a secret: {log}");
            Assert.DoesNotContain(secret, console);
        }

        Assert.Contains("failed", console);
    }

    /// <summary>
    /// What the console logger would print for a warning with <paramref name="failure"/>, through its configured
    /// formatter.
    /// </summary>
    private static string WriteToConsole(IServiceProvider services, Exception failure)
    {
        var options = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = services.GetServices<ConsoleFormatter>()
            .First(f => f.Name == (options.FormatterName ?? ConsoleFormatterNames.Simple));
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(LogLevel.Warning, "AmoHealth.Tests.Secrets", new EventId(1), failure.Message,
            failure, (s, _) => s);
        formatter.Write(in entry, null, writer);
        return writer.ToString();
    }
}
