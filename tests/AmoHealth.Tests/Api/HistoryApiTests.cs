using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Api;

public sealed class HistoryApiTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly long _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private ApiHost _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var contexts = await _database.MigrateAsync();
        await using var db = await contexts.CreateDbContextAsync();
        // GET every 36 s for 10 hours (1,000 results, every 10th down); WEB 10 results; another account 5.
        var results = new List<ProbeResult>();
        for (var i = 0; i < 1_000; i++)
        {
            var outcome = i % 10 == 0 ? Outcome.Down : Outcome.Up;
            results.Add(new ProbeResult("acme", CheckType.Get, outcome, 100 + i % 200, _now - i * 36_000L, 200, null));
        }

        for (var i = 0; i < 10; i++)
        {
            results.Add(new ProbeResult("acme", CheckType.Web, Outcome.Up, 50, _now - i * 60_000L, 200, null));
            if (i < 5)
            {
                results.Add(new ProbeResult("zeta", CheckType.Get, Outcome.Up, 70, _now - i * 60_000L, 200, null));
            }
        }

        await Results.StoreAsync(db, results);

        db.Incidents.Add(new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = "down", StartTime = _now - 7_200_000, EndTime = _now - 7_000_000, Duration = 200_000, CreatedAt = _now });
        db.Incidents.Add(new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = "down", StartTime = _now - 3_600_000, EndTime = _now - 3_500_000, Duration = 100_000, CreatedAt = _now });
        db.Incidents.Add(new IncidentRecord { Account = "acme", CheckType = CheckType.Web, Kind = "auth_failed", StartTime = _now - 9_000_000, CreatedAt = _now });
        await db.SaveChangesAsync();
        _api = new ApiHost(_database.Path, redis: null);
        _client = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task HistoryOfADayIsMergedFromMinuteRollupsIntoBoundedPoints()
    {
        var points = await GetArrayAsync("/api/history?hours=24&account=acme");

        var get = points.Where(p => p.GetProperty("checkType").GetString() == "GET").ToList();
        var web = points.Where(p => p.GetProperty("checkType").GetString() == "WEB").ToList();
        Assert.InRange(get.Count, 2, 500);
        Assert.Equal(1_000, get.Sum(p => p.GetProperty("count").GetInt32()));
        Assert.Equal(900, get.Sum(p => p.GetProperty("upCount").GetInt32()));
        Assert.All(get, p => Assert.True(p.GetProperty("min").GetInt32() <= p.GetProperty("responseTime").GetInt32()
                                         && p.GetProperty("responseTime").GetInt32() <= p.GetProperty("max").GetInt32()));
        // 24 hours in at most 500 buckets: minute rollups merged three at a time.
        Assert.Equal(10, web.Sum(p => p.GetProperty("count").GetInt32()));
        Assert.All(points, p => Assert.Equal(180_000, p.GetProperty("bucketMs").GetInt64()));
        Assert.DoesNotContain(points, p => p.GetProperty("account").GetString() == "zeta");
    }

    [Fact]
    public async Task HistoryFiltersByCheckAndTime()
    {
        var lastHour = await GetArrayAsync("/api/history?hours=1&checkType=GET");

        Assert.All(lastHour, p => Assert.Equal("GET", p.GetProperty("checkType").GetString()));
        // acme's GET results 0..99 (the 100th lies exactly an hour before the seeding, just outside) and zeta's 5.
        Assert.Equal(100 + 5, lastHour.Sum(p => p.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task IncidentsListOpenOnesFirstThenTheMostRecent()
    {
        var incidents = await GetArrayAsync("/api/incidents?limit=2");

        Assert.Equal(2, incidents.Count);
        Assert.Equal(JsonValueKind.Null, incidents[0].GetProperty("endTime").ValueKind);
        Assert.Equal("auth_failed", incidents[0].GetProperty("kind").GetString());
        Assert.Equal(_now - 3_600_000, incidents[1].GetProperty("startTime").GetInt64());
    }

    [Fact]
    public async Task StatsMatchABruteForceComputation()
    {
        var stats = await GetArrayAsync("/api/stats?hours=24");

        var get = stats.Single(s => s.GetProperty("account").GetString() == "acme" && s.GetProperty("checkType").GetString() == "GET");
        var times = Enumerable.Range(0, 1_000).Select(i => 100 + i % 200).Order().ToList();
        Assert.Equal(1_000, get.GetProperty("total").GetInt32());
        Assert.Equal(90.0, get.GetProperty("uptime").GetDouble());
        // Percentiles come from the rollups' histograms: within 1 % of the exact nearest-rank value.
        Assert.Equal(times[499], get.GetProperty("p50").GetInt32(), 0.01 * times[499] + 0.5);
        Assert.Equal(times[949], get.GetProperty("p95").GetInt32(), 0.01 * times[949] + 0.5);
        Assert.Equal(times[989], get.GetProperty("p99").GetInt32(), 0.01 * times[989] + 0.5);
        Assert.Equal((100, 299), (get.GetProperty("min").GetInt32(), get.GetProperty("max").GetInt32()));
        Assert.Equal((int)Math.Round(times.Average()), get.GetProperty("avg").GetInt32());
        Assert.Equal(2, get.GetProperty("incidents").GetInt32());
        Assert.Equal(150_000, get.GetProperty("mttr").GetInt64());
    }

    [Fact]
    public async Task FromAndToSelectAWindowInMillisecondsOrIsoTime()
    {
        var from = _now - 3_600_000;
        var to = _now - 1_800_000;
        var iso = (long ms) => Uri.EscapeDataString(DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"));

        var byMs = await GetArrayAsync($"/api/history?from={from}&to={to}&account=acme&checkType=GET");
        var byIso = await GetArrayAsync($"/api/history?from={iso(from)}&to={iso(to)}&account=acme&checkType=GET");

        // GET results i = 51..100 lie in [now − 1 h, now − 30 min): i = 100 is exactly at the start, i = 50 exactly at the end.
        Assert.Equal(50, byMs.Sum(p => p.GetProperty("count").GetInt32()));
        Assert.Equal(byMs.Select(p => p.GetProperty("timestamp").GetInt64()), byIso.Select(p => p.GetProperty("timestamp").GetInt64()));
        Assert.All(byMs, p => Assert.InRange(p.GetProperty("timestamp").GetInt64(), from, to - 1));
    }

    [Fact]
    public async Task HistoryExportsRawResultsAsCsvWithFormulasDefused()
    {
        await using (var db = await _database.CreateFactory().CreateDbContextAsync())
        {
            await Results.StoreAsync(db, [new ProbeResult("acme", CheckType.Post, Outcome.Down, null, _now - 1_000, 500, "=HYPERLINK(\"x\"), \"quoted\"")]);
        }

        using var response = await _client.GetAsync("/api/history?hours=24&account=acme&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("timestamp,time,account,check_type,status,outcome,response_time", lines[0]);
        Assert.Equal(1_000 + 10 + 1, lines.Length - 1);
        Assert.Contains(lines, l => l.EndsWith(",\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\"", StringComparison.Ordinal) && l.Contains(",POST,down,down,,500,"));
    }

    [Fact]
    public async Task IncidentsPageAndExportAsCsv()
    {
        var first = await GetArrayAsync("/api/incidents?limit=2");
        var second = await GetArrayAsync("/api/incidents?limit=2&offset=2");
        var windowed = await GetArrayAsync($"/api/incidents?from={_now - 3_700_000}");

        Assert.Single(second);
        Assert.DoesNotContain(second[0].GetProperty("id").GetInt64(), first.Select(i => i.GetProperty("id").GetInt64()));
        // The open incident (started earlier, still open) overlaps the window; the one closed 7,000 s ago does not.
        Assert.Equal(2, windowed.Count);
        using var response = await _client.GetAsync("/api/incidents?format=csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,account,check_type,kind,start_time,start,end_time,end,duration_ms,details", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(",auth_failed,", lines[1]);
    }

    [Fact]
    public async Task UptimeByTimeCoversOnlyTheMonitoredSpanAndSaysHowMuchThatIs()
    {
        // A fresh install: POST checked every minute for 25 minutes, down for the last 22, with one outage
        // incident and one 429 incident.
        using var database = new TempDatabase();
        var contexts = await database.MigrateAsync();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await Results.StoreAsync(db, Enumerable.Range(0, 25)
                .Select(i => new ProbeResult("fresh", CheckType.Post, i < 22 ? Outcome.Down : Outcome.Up, 80, _now - i * 60_000L, 503, null))
                .ToList());
            db.Incidents.Add(new IncidentRecord { Account = "fresh", CheckType = CheckType.Post, Kind = "down", StartTime = _now - 22 * 60_000L, CreatedAt = _now });
            db.Incidents.Add(new IncidentRecord
            {
                Account = "fresh", CheckType = CheckType.Post, Kind = "throttled", StartTime = _now - 24 * 60_000L, EndTime = _now - 23 * 60_000L, Duration = 60_000, CreatedAt = _now,
            });
            await db.SaveChangesAsync();
        }

        await using var api = new ApiHost(database.Path, redis: null);
        using var client = api.CreateClient();
        var stats = (await (await client.GetAsync("/api/stats?hours=24")).JsonAsync()).EnumerateArray().ToList();

        var post = Assert.Single(stats);
        // Down 22 of the 25 monitored minutes: about 12 %, not the 98.5 % a whole day would make of it.
        Assert.InRange(post.GetProperty("uptimeByTime").GetDouble(), 8, 16);
        Assert.InRange(post.GetProperty("coverage").GetDouble(), 1.5, 2.0);
        // The 429 incident is counted apart from outages.
        Assert.Equal(1, post.GetProperty("incidents").GetInt32());
        Assert.Equal(1, post.GetProperty("incidentsByKind").GetProperty("throttled").GetInt32());
        Assert.Equal(1, post.GetProperty("incidentsByKind").GetProperty("down").GetInt32());
    }

    [Fact]
    public async Task ARateLimitOrARejectedTokenIsNotCountedAgainstAmoCrmButStaysInTheRawHistory()
    {
        using var database = new TempDatabase();
        var contexts = await database.MigrateAsync();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var outcomes = new[] { Outcome.Up, Outcome.Up, Outcome.Throttled, Outcome.Throttled, Outcome.AuthFailed, Outcome.Down, Outcome.Up, Outcome.Throttled };
            await Results.StoreAsync(db, outcomes
                .Select((o, i) => new ProbeResult("acme", CheckType.Get, o, o.IsAmoCrmVerdict() ? 100 : null, _now - (outcomes.Length - i) * 60_000L, 200, null))
                .ToList());
        }

        await using var api = new ApiHost(database.Path, redis: null);
        using var client = api.CreateClient();
        var stats = (await (await client.GetAsync("/api/stats?hours=1")).JsonAsync()).EnumerateArray().Single();
        var raw = (await (await client.GetAsync("/api/history?hours=1")).JsonAsync()).EnumerateArray().ToList();

        // Four verdicts of amoCRM (three up, one down); the 429s and the 401 are counted apart.
        Assert.Equal((4, 3), (stats.GetProperty("total").GetInt32(), stats.GetProperty("up").GetInt32()));
        Assert.Equal(8, raw.Count);
    }

    [Fact]
    public async Task StatsGiveUptimeByCountAndByTime()
    {
        var stats = await GetArrayAsync("/api/stats?hours=4&account=acme&checkType=GET");

        var get = Assert.Single(stats);
        // Incidents in the last 4 h: 200 s and 100 s of 14,400 s.
        Assert.Equal(Math.Round(100 * (1 - (300.0 / 14_400)), 3), get.GetProperty("uptimeByTime").GetDouble(), 0.01);
        Assert.InRange(get.GetProperty("uptime").GetDouble(), 89, 91);
    }

    [Theory]
    [InlineData("/api/history?from=yesterday", "from")]
    [InlineData("/api/history?from=2026-11-01T10:00:00", "from")]
    [InlineData("/api/history?to=-5", "to")]
    [InlineData("/api/history?from=1800000000000&to=1700000000000", "from")]
    [InlineData("/api/history?from=1000&to=1800000000000", "from")]
    [InlineData("/api/history?format=xml", "format")]
    [InlineData("/api/incidents?offset=-1", "offset")]
    [InlineData("/api/incidents?hours=0", "hours")]
    [InlineData("/api/hours=abc", null)]
    [InlineData("/api/history?hours=abc", "hours")]
    [InlineData("/api/history?hours=-1", "hours")]
    [InlineData("/api/history?hours=0", "hours")]
    [InlineData("/api/history?hours=100000", "hours")]
    [InlineData("/api/history?hours=1.5", "hours")]
    [InlineData("/api/history?checkType=FOO", "checkType")]
    [InlineData("/api/incidents?limit=0", "limit")]
    [InlineData("/api/incidents?limit=abc", "limit")]
    [InlineData("/api/incidents?limit=99999999999999", "limit")]
    [InlineData("/api/stats?hours=17521", "hours")]
    [InlineData("/api/stats?checkType=get", "checkType")]
    public async Task ABadParameterIsA400ProblemNamingItNeverA500(string url, string? parameter)
    {
        using var response = await _client.GetAsync(url);
        if (parameter is null)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
    }

    private async Task<List<JsonElement>> GetArrayAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).EnumerateArray().ToList();
    }
}
