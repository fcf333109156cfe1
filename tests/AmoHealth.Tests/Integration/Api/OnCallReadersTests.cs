using System.Net;
using System.Text.Json;
using AmoHealth.Api;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>The on-call readers on a real SQLite file seeded as the Prober writes (<see cref="OnCallSeed"/>), at a
/// fixed Sunday noon UTC; and the same bytes from PostgreSQL.</summary>
[Trait("Ring", "Integration")]
public sealed class OnCallReadersTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly long Ms = Now.ToUnixTimeMilliseconds();

    private static readonly Dictionary<string, string> ConfiguredWindows = new()
    {
        ["Alerts:Maintenance:0:Start"] = "2026-12-01T22:00:00+03:00",
        ["Alerts:Maintenance:0:End"] = "2026-12-02T01:00:00+03:00",
        ["Alerts:Maintenance:1:Start"] = "2026-12-06T22:00:00+03:00",
        ["Alerts:Maintenance:1:End"] = "2026-12-07T01:00:00+03:00",
    };

    private readonly TempDatabase _database = new();

    public async Task InitializeAsync() => await OnCallSeed.SeedAsync(await _database.MigrateAsync(), Now);

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnIncidentComesWithItsTimelineOldestFirst()
    {
        var (api, client) = Start(new());
        await using var _ = api;

        var detail = await GetJsonAsync(client, "/api/incidents/1");
        using var missing = await client.GetAsync("/api/incidents/99");

        var incident = detail.GetProperty("incident");
        Assert.Equal(("anna", Ms - 180_000, 1), (incident.GetProperty("acknowledgedBy").GetString(),
            incident.GetProperty("acknowledgedAt").GetInt64(), incident.GetProperty("escalationStep").GetInt32()));
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["opened", "acknowledged", "note", "note"],
            timeline.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(JsonValueKind.Null, timeline[0].GetProperty("actor").ValueKind);
        Assert.Equal(("boris", "we are on it", true), (timeline[3].GetProperty("actor").GetString(),
            timeline[3].GetProperty("text").GetString(), timeline[3].GetProperty("isPublic").GetBoolean()));
        Assert.False(timeline[2].GetProperty("isPublic").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheLogAndItsCsvSayWhoTookEachIncidentAndCarryItsNotes()
    {
        var (api, client) = Start(new());
        await using var _ = api;

        var log = (await GetJsonAsync(client, "/api/incidents")).EnumerateArray().ToList();
        var csv = (await client.GetStringAsync("/api/incidents?format=csv"))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("anna", log[0].GetProperty("acknowledgedBy").GetString());
        Assert.Equal(JsonValueKind.Null, log[1].GetProperty("acknowledgedBy").ValueKind);
        Assert.Equal("id,account,check_type,kind,start_time,start,end_time,end,duration_ms,details,acknowledged_by,"
            + "acknowledged_at,notes", csv[0]);
        Assert.EndsWith($",HTTP 503,anna,{Ms - 180_000},2026-12-06T11:58:00Z anna [internal]: restarted the pod | "
            + "2026-12-06T11:59:00Z boris [public]: we are on it", csv[1]);
        Assert.EndsWith(",,,", csv[2]);
    }

    [Fact]
    public async Task OnlySilencesInForceOrPlannedAreListed()
    {
        var (api, client) = Start(new());
        await using var _ = api;

        var silences = (await GetJsonAsync(client, "/api/silences")).EnumerateArray().ToList();

        Assert.Equal([1L, 2L], silences.Select(s => s.GetProperty("id").GetInt64()));
        Assert.Equal("HOOK", silences[0].GetProperty("checkType").GetString());
        Assert.Equal(JsonValueKind.Null, silences[1].GetProperty("checkType").ValueKind);
        Assert.Equal((Ms + 3_600_000, true), (silences[1].GetProperty("startsAt").GetInt64(),
            silences[1].GetProperty("endOnRecovery").GetBoolean()));
    }

    [Fact]
    public async Task MaintenanceListsPlannedAndConfiguredWindowsWithWhetherActiveAndTheNextOccurrence()
    {
        var (api, client) = Start(ConfiguredWindows);
        await using var _ = api;

        var windows = (await GetJsonAsync(client, "/api/maintenance")).EnumerateArray().ToList();

        Assert.Equal([(2L, "page", "weekly"), (0L, "config", "once"), (1L, "page", "once")],
            windows.Select(w => (w.GetProperty("id").GetInt64(), w.GetProperty("source").GetString(),
                w.GetProperty("kind").GetString())));
        // Sundays 14:00 in Moscow is 11:00 UTC: the occurrence covering noon.
        var weekly = windows[0];
        Assert.True(weekly.GetProperty("active").GetBoolean());
        Assert.Equal((Ms - 3_600_000, Ms + 3_600_000), (weekly.GetProperty("next").GetProperty("startsAt").GetInt64(),
            weekly.GetProperty("next").GetProperty("endsAt").GetInt64()));
        Assert.Equal(("14:00", 0, "Europe/Moscow"), (weekly.GetProperty("startTime").GetString(),
            weekly.GetProperty("weekday").GetInt32(), weekly.GetProperty("timeZone").GetString()));
        var configured = windows[1];
        Assert.False(configured.GetProperty("active").GetBoolean());
        Assert.Equal(Ms + 7 * 3_600_000, configured.GetProperty("next").GetProperty("startsAt").GetInt64());
        Assert.Equal(JsonValueKind.Null, configured.GetProperty("account").ValueKind);
    }

    [Fact]
    public async Task InfoNamesTheTeamsTimeZoneAndStatsSayUptimeIncludesMaintenance()
    {
        var (api, client) = Start(new());
        await using var _ = api;
        var (yekaterinburg, other) = Start(new() { ["Alerts:TimeZone"] = "Asia/Yekaterinburg" });
        await using var __ = yekaterinburg;

        var info = await GetJsonAsync(client, "/api/info");
        var configured = await GetJsonAsync(other, "/api/info");
        var stats = (await GetJsonAsync(client, "/api/stats?hours=24")).EnumerateArray().ToList();

        Assert.Equal("Europe/Moscow", info.GetProperty("timeZone").GetString());
        Assert.Equal("Asia/Yekaterinburg", configured.GetProperty("timeZone").GetString());
        Assert.NotEmpty(stats);
        Assert.All(stats, s => Assert.False(s.GetProperty("uptimeExcludesMaintenance").GetBoolean()));
    }

    [Fact]
    public async Task AnUnknownTimeZoneStopsTheStartNamingTheKey()
    {
        await using var api = new ApiHost(_database.Path, redis: null,
            settings: new() { ["Alerts:TimeZone"] = "Mars/Olympus" });

        var failure = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("Alerts:TimeZone", failure.ToString());
    }

    [Fact]
    public async Task PostgresAnswersTheOnCallReadsWithTheSameBytes()
    {
        using var postgres = new TempPostgresDatabase();
        await OnCallSeed.SeedAsync(await ((ITestStore)postgres).MigrateAsync(), Now);
        string[] urls = ["/api/incidents/1", "/api/incidents?format=csv", "/api/silences", "/api/maintenance"];

        var (sqliteApi, sqlite) = Start(ConfiguredWindows);
        await using var _ = sqliteApi;
        var (postgresApi, pg) = Start(new(ConfiguredWindows)
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:amohealth"] = postgres.ConnectionString,
        });
        await using var __ = postgresApi;

        foreach (var url in urls)
        {
            var expected = await sqlite.GetStringAsync(url);
            Assert.True(expected.Length > 2, $"{url} answered nothing");
            Assert.Equal((url, expected), (url, await pg.GetStringAsync(url)));
        }
    }

    private (WebApplicationFactory<ApiMarker> Api, HttpClient Client) Start(Dictionary<string, string> settings)
    {
        var api = new ApiHost(_database.Path, redis: null, settings: settings).WithWebHostBuilder(b =>
            b.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        return (api, api.CreateClient());
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal((url, HttpStatusCode.OK), (url, response.StatusCode));
        return await response.JsonAsync();
    }
}
