using AmoHealth.Core.Storage;
using AmoHealth.ServiceDefaults.Access;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Public;

/// <summary>The allow-list holds: an Api configured with every secret and host a deployment has, over a store whose
/// error texts name hosts and stage ids, with internal notes and maintenance reasons, answers nothing of them under
/// <c>/status/{slug}</c>. The routes are read from the Api's own endpoints, so every public format added later is
/// fetched too.</summary>
[Trait("Ring", "Integration")]
public sealed class PublicLeakTests : IAsyncLifetime
{
    private const string AmoDomain = "leakcorp7731.amocrm.ru";
    private const string AmoToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.leakTokenQ7w8e9r0";
    private const string HookSecret = "hookleak5f4e3d2c1b0a9z8y";
    private const string MattermostHost = "chat.leakcorp-intranet.invalid";
    private const string MattermostKey = "mmleakkey8h7g6f5e4d3c2b1a";
    private const string TelegramToken = "7355608:AAleakTelegramTokenZyXwVu";
    private const string TelegramHost = "tg-relay.leakcorp-intranet.invalid";
    private const string ProxySecret = "proxyleak0123456789abcdef0123";
    private const string RedisPassword = "redisleakpw91b2c3d4";
    private const string PostgresHost = "db-primary.leakcorp-intranet.invalid";
    private const string PostgresPassword = "pgleakpw77d6e5f4";
    private const string OAuthSecret = "oauthleakSecret4a5b6c7d8e";
    private const string StageId = "142857963";
    private const string MaintenanceReason = "rotating the leakcorp vault keys";

    private static readonly string ErrorText =
        $"HTTP 503 from https://{AmoDomain}/api/v4/leads/pipelines stage {StageId} via 10.20.30.40";

    private static readonly string Details = $"DP: no call to stage {StageId} on {AmoDomain}";

    private readonly TempDatabase _database = new();
    private readonly RedisServer _redis = new() { Password = RedisPassword };

    public async Task InitializeAsync()
    {
        var contexts = await _database.MigrateAsync();
        await StatusPageSeed.SeedAsync(contexts, ErrorText, Details);
        await using var db = await contexts.CreateDbContextAsync();
        var ms = StatusPageSeed.Now.ToUnixTimeMilliseconds();
        db.MaintenanceWindows.Add(new MaintenanceRecord
        {
            Account = "acme", StartsAt = ms - 60_000, EndsAt = ms + 3_600_000, TimeZone = "Europe/Moscow",
            Reason = MaintenanceReason, CreatedBy = "leakcorp-admin", CreatedAt = ms - 120_000,
        });
        await db.SaveChangesAsync();
        await _redis.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task NoSecretHostOrInternalTextReachesAnyPublicAnswer()
    {
        var settings = StatusPageSeed.Page();
        foreach (var (key, value) in Secrets())
        {
            settings[key] = value;
        }

        await using var api = StatusPageApi.Start(
            _database, new FakeTimeProvider(StatusPageSeed.Now), settings, _redis.ConnectionString);
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(InternalAccessOptions.HeaderName, ProxySecret);
        var patterns = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern)
            .Where(p => p.RawText?.StartsWith("/status/{slug}", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Contains(patterns, p => Url(p) == "/status/acme");
        Assert.Contains(patterns, p => Url(p) == "/status/acme/status.css");

        var answers = 0;
        foreach (var url in patterns.Select(Url).Distinct())
        {
            foreach (var query in new[] { "", "?lang=ru", "?lang=en", "?check=GET", "?check=WEB", "?check=DP" })
            {
                using var response = await client.GetAsync(url + query);
                var body = await response.Content.ReadAsStringAsync();
                var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers)
                    .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
                Assert.True((int)response.StatusCode < 500, $"{url}{query}: {(int)response.StatusCode} {body}");
                answers += response.IsSuccessStatusCode ? 1 : 0;
                foreach (var secret in Forbidden())
                {
                    Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase),
                        $"{url}{query} shows '{secret}' in its body");
                    Assert.False(headers.Contains(secret, StringComparison.OrdinalIgnoreCase),
                        $"{url}{query} shows '{secret}' in its headers");
                }
            }
        }

        // The page did render what it may show: the public note, under maintenance.
        var page = await client.GetStringAsync("/status/acme?lang=en");
        Assert.Contains("amoCRM answers slowly", page);
        Assert.Contains("s-maintenance", page);
        Assert.True(answers >= 2 * 6, $"only {answers} successful answers");
    }

    private static Dictionary<string, string> Secrets() => new()
    {
        ["AMOCRM_DOMAIN"] = AmoDomain,
        ["AMOCRM_ACCESS_TOKEN"] = AmoToken,
        ["Monitor:Domain"] = AmoDomain,
        ["Monitor:AccessToken"] = AmoToken,
        ["Monitor:HookSecret"] = HookSecret,
        ["Monitor:PublicUrl"] = $"https://monitor.{AmoDomain}",
        ["Monitor:DpStageId"] = StageId,
        ["Monitor:OAuth:ClientId"] = "leakcorp-integration",
        ["Monitor:OAuth:ClientSecret"] = OAuthSecret,
        ["MATTERMOST_WEBHOOK_URL"] = $"https://{MattermostHost}/hooks/{MattermostKey}",
        ["Notifications:Telegram:BotToken"] = TelegramToken,
        ["Notifications:Telegram:ChatId"] = "@leakcorp-oncall",
        ["Notifications:Telegram:ApiBaseUrl"] = $"https://{TelegramHost}",
        ["Internal:ProxySecret"] = ProxySecret,
        ["ConnectionStrings:amohealth"] =
            $"Host={PostgresHost};Username=amohealth_api;Password={PostgresPassword};Database=amohealth",
    };

    private static IEnumerable<string> Forbidden() =>
    [
        AmoDomain, "leakcorp", AmoToken, HookSecret, MattermostHost, MattermostKey, TelegramToken, "AAleakTelegram",
        TelegramHost, ProxySecret, RedisPassword, PostgresHost, PostgresPassword, OAuthSecret, StageId, "10.20.30.40",
        ErrorText, Details, "HTTP 503", "db-7.internal", StatusPageSeed.InternalNote, MaintenanceReason,
        "WEB failed", "anna",
    ];

    /// <summary>A route's address for the page <c>acme</c>; any other parameter gets a plain value.</summary>
    private static string Url(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { Name: "slug" } => "acme",
            RoutePatternParameterPart => "1",
            _ => string.Empty,
        }))));
}
