using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

[Trait("Ring", "Integration")]
public sealed class HistoryApiTests : SeededApiTests
{
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
                                         && p.GetProperty("responseTime").GetInt32() <= p.GetProperty("max")
                                             .GetInt32()));
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
    public async Task FromAndToSelectAWindowInMillisecondsOrIsoTime()
    {
        var from = _now - 3_600_000;
        var to = _now - 1_800_000;
        var iso = (long ms) =>
            Uri.EscapeDataString(DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(3))
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"));

        var byMs = await GetArrayAsync($"/api/history?from={from}&to={to}&account=acme&checkType=GET");
        var byIso = await GetArrayAsync($"/api/history?from={iso(from)}&to={iso(to)}&account=acme&checkType=GET");

        // GET results i = 51..100 lie in [now − 1 h, now − 30 min): i = 100 is exactly at the start, i = 50 exactly
        // at
        // the end.
        Assert.Equal(50, byMs.Sum(p => p.GetProperty("count").GetInt32()));
        Assert.Equal(byMs.Select(p => p.GetProperty("timestamp").GetInt64()),
            byIso.Select(p => p.GetProperty("timestamp").GetInt64()));
        Assert.All(byMs, p => Assert.InRange(p.GetProperty("timestamp").GetInt64(), from, to - 1));
    }

    [Fact]
    public async Task HistoryExportsRawResultsAsCsvWithFormulasDefused()
    {
        await using (var db = await _database.CreateFactory().CreateDbContextAsync())
        {
            await Results.StoreAsync(db,
                [new ProbeResult("acme", CheckType.Post, Outcome.Down, null, _now - 1_000, 500,
                "=HYPERLINK(\"x\"), \"quoted\"")]);
        }

        using var response = await _client.GetAsync("/api/history?hours=24&account=acme&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("timestamp,time,account,check_type,status,outcome,response_time", lines[0]);
        Assert.Equal(1_000 + 10 + 1, lines.Length - 1);
        // failure_kind is the last column: a row stored without one reads as its outcome's kind.
        Assert.Contains(lines, l =>
            l.EndsWith(",\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\",http_status", StringComparison.Ordinal)
            && l.Contains(",POST,down,down,,500,"));
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
}
