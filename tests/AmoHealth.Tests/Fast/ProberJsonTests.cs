using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probes.Tokens;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

/// <summary>The Prober writes its JSON through generated contracts (as a native build must), and each body leaves byte
/// for byte as the reflection serializer wrote it before: what amoCRM, Mattermost, Telegram and a webhook receive, and
/// what <c>/api/info</c> reads back from <c>probe_state</c>, does not change.</summary>
[Trait("Ring", "Fast")]
public sealed class ProberJsonTests
{
    /// <summary>What the probes and the stored state were written with before: default options and
    /// reflection.</summary>
    private static readonly JsonSerializerOptions Reflection =
        new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>What <c>PostAsJsonAsync</c> wrote the alerts with before: web defaults and reflection.</summary>
    private static readonly JsonSerializerOptions ReflectionWeb = new(
        JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>Quotes, markup, Cyrillic, an emoji and a control character: everything escaping could treat
    /// differently.</summary>
    private const string Tricky = "Тест \"кавычки\" <b>&amp;</b> 'ёлка' \\ 😀 \u0001 / end";

    private static readonly NotificationRecord Alert = new()
    {
        Account = "ёлка.amocrm.ru", CheckType = "HOOK", Kind = "down", Text = $"**Сбой** {Tricky}",
            IncidentId = 42,
            CreatedAt = 1_765_000_000_123,
    };

    public static TheoryData<string, string, string> AmoBodies() => new()
    {
        { "rename", AmoBody.Name(Tricky), Old(new Dictionary<string, object> { ["name"] = Tricky }) },
        { "create", AmoBody.NewLead("AmoHealth test lead"),
            Old(new[] { new Dictionary<string, object> { ["name"] = "AmoHealth test lead" } }) },
        { "move", AmoBody.Stage(61_234_567_890),
            Old(new Dictionary<string, object> { ["status_id"] = 61_234_567_890L }) },
        { "subscribe",
            AmoBody.Subscription("https://monitor.example/hooks/amocrm/s3cr\"et?account=ёлка&x=<1>", "update_lead"),
            Old(new Dictionary<string,
                object> { ["destination"] = "https://monitor.example/hooks/amocrm/s3cr\"et?account=ёлка&x=<1>",
                ["settings"] = new[] { "update_lead" } }) },
        { "unsubscribe", AmoBody.Unsubscription("https://monitor.example/hooks/amocrm/old?account=main"),
            Old(new Dictionary<string,
                object> { ["destination"] = "https://monitor.example/hooks/amocrm/old?account=main" }) },
        { "dp action", JsonSerializer.Serialize(new DpAction(61_234_567, Tricky), ProbeJsonContext.Default.DpAction),
            Old(new DpAction(61_234_567, Tricky)) },
        { "channel state",
            JsonSerializer.Serialize(new ChannelState("telegram", "failing", 1_765_000_000_000, Tricky),
            ProbeStateJsonContext.Default.ChannelState),
            Old(new ChannelState("telegram", "failing", 1_765_000_000_000, Tricky)) },
        { "channel state, nulls",
            JsonSerializer.Serialize(new ChannelState("mattermost", "ok", null, null),
            ProbeStateJsonContext.Default.ChannelState),
            Old(new ChannelState("mattermost", "ok", null, null)) },
    };

    [Theory]
    [MemberData(nameof(AmoBodies))]
    public void EachBodyIsWrittenAsTheReflectionSerializerWroteIt(string name, string written, string expected) =>
        Assert.True(expected == written, $"{name}:\nreflection: {expected}\ngenerated:  {written}");

    public static TheoryData<string> Channels() =>
        new() { "mattermost", "telegram", "webhook", "webhook without an incident" };

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task EachAlertChannelPostsTheBytesItPostedBefore(string channel)
    {
        var capture = new CapturingHandler();
        var alert = channel.EndsWith("without an incident", StringComparison.Ordinal) ? Copy(Alert, incidentId: null)
            : Alert;
        var (notifier, expected) = channel switch
        {
            "mattermost" =>
                ((INotifier)new MattermostNotifier(capture,
                Options.Create(new MattermostOptions { Url = "http://127.0.0.1:9/hooks/x" })),
                OldWeb(new Dictionary<string, string> { ["text"] = alert.Text })),
            "telegram" =>
                (new TelegramNotifier(capture,
                Options.Create(
                new TelegramOptions { BotToken = "1:abc", ChatId = "-100123", ApiBaseUrl = "http://127.0.0.1:9" })),
                OldWeb(new Dictionary<string,
                    object> { ["chat_id"] = "-100123",
                    ["text"] = alert.Text.Replace("**", string.Empty, StringComparison.Ordinal),
                    ["disable_web_page_preview"] = true })),
            _ => (new WebhookNotifier(capture,
                Options.Create(new WebhookOptions { Url = "http://127.0.0.1:9/alerts" })),
                OldWeb(new Dictionary<string, object?>
                {
                    ["account"] = alert.Account, ["checkType"] = alert.CheckType, ["kind"] = alert.Kind,
                        ["incidentId"] = alert.IncidentId,
                    ["createdAt"] = alert.CreatedAt, ["text"] = alert.Text,
                })),
        };

        var error = await notifier.SendAsync(alert, CancellationToken.None);

        Assert.Null(error);
        Assert.True(expected == capture.Body, $"{channel}:\nreflection: {expected}\ngenerated:  {capture.Body}");
        Assert.Equal("application/json; charset=utf-8", capture.ContentType);
    }

    [Fact]
    public void AnOldTokenFileIsReadAsTheReflectionSerializerReadIt()
    {
        const string file =
            """{"access_token":"eyJ.a.b","refresh_token":"def50200","expires_at":1765000000,"extra":1}""";

        var read = JsonSerializer.Deserialize(file, ProbeJsonContext.Default.TokenPair);

        Assert.Equal(JsonSerializer.Deserialize<TokenPair>(file, Reflection), read);
        Assert.Equal(new TokenPair("eyJ.a.b", "def50200", 1_765_000_000), read);
    }

    private static string Old<T>(T value) => JsonSerializer.Serialize(value, Reflection);

    private static string OldWeb<T>(T value) => JsonSerializer.Serialize(value, ReflectionWeb);

    private static NotificationRecord Copy(NotificationRecord alert, long? incidentId) => new()
    {
        Account = alert.Account, CheckType = alert.CheckType, Kind = alert.Kind, Text = alert.Text,
            IncidentId = incidentId, CreatedAt = alert.CreatedAt,
    };

    /// <summary>Answers every post 200 and keeps the last body and content type, as sent.</summary>
    private sealed class CapturingHandler : HttpMessageHandler, IHttpClientFactory
    {
        public string? Body { get; private set; }

        public string? ContentType { get; private set; }

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            Body = Encoding.UTF8.GetString(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
            ContentType = request.Content.Headers.ContentType?.ToString();
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
    }
}
