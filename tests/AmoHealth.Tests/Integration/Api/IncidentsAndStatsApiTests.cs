using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

[Trait("Ring", "Integration")]
public sealed class IncidentsAndStatsApiTests : SeededApiTests
{
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

        var get = stats.Single(s => s.GetProperty("account").GetString() == "acme" && s.GetProperty("checkType")
            .GetString() == "GET");
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
    public async Task IncidentsPageAndExportAsCsv()
    {
        var first = await GetArrayAsync("/api/incidents?limit=2");
        var second = await GetArrayAsync("/api/incidents?limit=2&offset=2");
        var windowed = await GetArrayAsync($"/api/incidents?from={_now - 3_700_000}");

        Assert.Single(second);
        Assert.DoesNotContain(second[0].GetProperty("id").GetInt64(),
            first.Select(i => i.GetProperty("id").GetInt64()));
        // The open incident (started earlier, still open) overlaps the window; the one closed 7,000 s ago does not.
        Assert.Equal(2, windowed.Count);
        using var response = await _client.GetAsync("/api/incidents?format=csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,account,check_type,kind,start_time,start,end_time,end,duration_ms,details,acknowledged_by,"
            + "acknowledged_at,notes", lines[0]);
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
                .Select(i =>
                    new ProbeResult("fresh", CheckType.Post, i < 22 ? Outcome.Down : Outcome.Up, 80, _now - i * 60_000L,
                    503, null))
                .ToList());
            db.Incidents.Add(
                new IncidentRecord { Account = "fresh", CheckType = CheckType.Post, Kind = Outcome.Down,
                StartTime = _now - 22 * 60_000L, CreatedAt = _now });
            db.Incidents.Add(new IncidentRecord
            {
                Account = "fresh", CheckType = CheckType.Post, Kind = Outcome.Throttled,
                    StartTime = _now - 24 * 60_000L, EndTime = _now - 23 * 60_000L, Duration = 60_000, CreatedAt = _now,
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
            var outcomes = new[] { Outcome.Up, Outcome.Up, Outcome.Throttled, Outcome.Throttled, Outcome.AuthFailed,
                Outcome.Down, Outcome.Up, Outcome.Throttled };
            await Results.StoreAsync(db, outcomes
                .Select((o, i) =>
                    new ProbeResult("acme", CheckType.Get, o, o.IsAmoCrmVerdict() ? 100 : null,
                    _now - (outcomes.Length - i) * 60_000L, 200, null))
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
}
