using System.Net;
using System.Text.Json;
using AmoHealth.Api;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>November 2026 in Europe/Moscow runs from 2026-10-31 21:00 UTC to 2026-11-30 21:00 UTC. The history has a
/// result on each side of both bounds, good, bad, throttled, own-fault and maintenance minutes, and incidents of two
/// kinds, so every figure of the report is known in advance.</summary>
[Trait("Ring", "Integration")]
public sealed class MonthlyReportApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private WebApplicationFactory<ApiMarker> _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var contexts = await _database.MigrateAsync();
        await using var db = await contexts.CreateDbContextAsync();
        await SeedAsync(db);
        _api = new ApiHost(_database.Path, redis: null, settings: new() { ["Slo:Checks:GET:Target"] = "90" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(
                services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        _client = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task TheReportCountsMinutesIncidentsMttrAndP95OfTheMonthInTheTeamsZone()
    {
        var report = await JsonAsync("/api/reports/monthly?month=2026-11&account=acme&lang=en");

        Assert.Equal(Utc(2026, 10, 31, 21, 0), report.GetProperty("from").GetInt64());
        Assert.Equal(Utc(2026, 11, 30, 21, 0), report.GetProperty("to").GetInt64());
        var get = Assert.Single(report.GetProperty("checks").EnumerateArray());
        // 20:59 UTC on Oct 31 is October's, 21:01 November's; 20:59 on Nov 30 November's, 21:01 December's.
        Assert.Equal((21, 1, 4, 2), (get.GetProperty("goodMinutes").GetInt32(), get.GetProperty("badMinutes")
            .GetInt32(), get.GetProperty("excludedMinutes").GetInt32(), get.GetProperty("maintenanceMinutes")
            .GetInt32()));
        Assert.Equal(21.0 / 22, get.GetProperty("uptime").GetDouble(), 9);
        Assert.Equal(30 * 1440 - 28, get.GetProperty("noDataMinutes").GetInt32());
        Assert.Equal((4, 3), (get.GetProperty("incidents").GetInt32(), get.GetProperty("outages").GetInt32()));
        Assert.Equal(["down:3", "throttled:1"], get.GetProperty("incidentsByKind").EnumerateArray()
            .Select(k => $"{k.GetProperty("kind").GetString()}:{k.GetProperty("count").GetInt32()}"));
        // The closed outages took 10 and 20 min; the open one and the throttle are not repairs of an outage.
        Assert.Equal(15 * 60_000, get.GetProperty("mttrMs").GetInt64());
        // 21 timed answers (50, 100 … 2000 ms): the 20th is 1900, read within 1 %.
        Assert.InRange(get.GetProperty("p95Ms").GetInt32(), 1881, 1919);
        Assert.Equal(90, get.GetProperty("target").GetDouble());
        // 90 % of the month's minutes less 4 throttled and 2 in maintenance allows 4,319.4 bad ones; 1 is spent, but
        // the 43,172 minutes nobody probed could have overspent it: no verdict.
        Assert.Equal(JsonValueKind.Null, get.GetProperty("met").ValueKind);
        Assert.Equal(4319.4, get.GetProperty("budgetMinutes").GetDouble(), 6);
        Assert.Equal(0.023, get.GetProperty("budgetSpentPercent").GetDouble(), 3);
        var accounting = report.GetProperty("accounting");
        Assert.Equal((2, 4, 1), (accounting.GetProperty("maintenanceMinutes").GetInt32(),
            accounting.GetProperty("excludedMinutes").GetInt32(), accounting.GetProperty("otherIncidents").GetInt32()));
        var notes = accounting.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("Uptime = good minutes ÷ (good + bad minutes).",
            StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("never count: 2 min", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("(not measured): 4 min", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAMonthTheReportIsOfTheLastFullMonthAndTheCurrentOneIsMarkedUnfinished()
    {
        var last = await JsonAsync("/api/reports/monthly");
        var current = await JsonAsync("/api/reports/monthly?month=2026-12");

        Assert.Equal(("2026-11", true), (last.GetProperty("month").GetString(), last.GetProperty("complete")
            .GetBoolean()));
        // Accounts in ordinal order: "=" sorts before letters.
        Assert.Equal(["=beta", "acme"], last.GetProperty("checks").EnumerateArray()
            .Select(c => c.GetProperty("account").GetString()));
        Assert.False(current.GetProperty("complete").GetBoolean());
        Assert.Equal(1, Assert.Single(current.GetProperty("checks").EnumerateArray()).GetProperty("badMinutes")
            .GetInt32());
    }

    [Theory]
    [InlineData("month=2026-13", "month")]
    [InlineData("month=2026-1", "month")]
    [InlineData("month=2026-11-01", "month")]
    [InlineData("month=2027-01", "month")]
    [InlineData("month=2026-11&format=xml", "format")]
    [InlineData("month=2026-11&format=html&lang=de", "lang")]
    public async Task ABadMonthAMonthNotBegunOrAnUnknownFormatIsAProblemNamingTheParameter(string query,
        string parameter)
    {
        using var response = await _client.GetAsync($"/api/reports/monthly?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, (await response.JsonAsync()).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task TheCsvIsADownloadWithAHeaderRowAndOneRowPerCheck()
    {
        using var response = await _client.GetAsync("/api/reports/monthly?month=2026-11&format=csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("amohealth-2026-11.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("month,account,check_type,uptime_percent,good_minutes,bad_minutes,excluded_minutes,"
            + "maintenance_minutes,no_data_minutes,incidents,outages,mttr_ms,p95_ms,slo_target_percent,slo_met,"
            + "budget_minutes,budget_spent_percent", lines[0]);
        Assert.Equal(3, lines.Length);
        // A cell that a spreadsheet would run as a formula is quoted out.
        Assert.StartsWith("2026-11,'=beta,POST,100,1,0,0,0,", lines[1]);
        Assert.StartsWith("2026-11,acme,GET,95.4545,21,1,4,2,43172,4,3,900000,", lines[2]);
        Assert.EndsWith(",90,,4319.4,0.023", lines[2]);
    }

    [Fact]
    public async Task TheHtmlPageIsStandalonePrintableEscapedAndInTheAskedLanguage()
    {
        var english = await PageAsync("/api/reports/monthly?month=2026-11&format=html&lang=en");
        var russian = await PageAsync("/api/reports/monthly?month=2026-11&format=html&lang=ru&account=acme");
        var hostile = await PageAsync(
            "/api/reports/monthly?month=2026-11&format=html&account=%3Cscript%3Ex%3C/script%3E");

        Assert.Contains("<title>amoCRM monthly report: November 2026</title>", english);
        Assert.Contains("From 2026-11-01 00:00 to 2026-12-01 00:00 (Europe/Moscow)", english);
        Assert.Contains("<td>95.455 %</td>", english);
        Assert.Contains("Uptime = good minutes ÷ (good + bad minutes).", english);
        Assert.Contains("<td>=beta</td>", english);
        Assert.Contains("Отчёт о работе amoCRM за ноябрь 2026", russian);
        Assert.Contains("Минуты в окнах обслуживания показаны отдельно и не считаются: 2 мин", russian);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", hostile);
        Assert.All(new[] { english, russian, hostile }, page => Assert.DoesNotContain("<script", page));
        // No inline style: the shipped Nginx site's policy (style-src 'self') would drop it.
        Assert.All(new[] { english, russian, hostile }, page => Assert.DoesNotContain("<style", page));
        Assert.Contains("<link rel=\"stylesheet\" href=\"monthly.css\">", english);
        using var css = await _client.GetAsync("/api/reports/monthly.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("font-variant-numeric", await css.Content.ReadAsStringAsync());
    }

    private async Task<string> PageAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal((url, HttpStatusCode.OK), (url, response.StatusCode));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<JsonElement> JsonAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal((url, HttpStatusCode.OK), (url, response.StatusCode));
        return await response.JsonAsync();
    }

    private static long Utc(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static HealthCheckRecord Row(string account, string check, Outcome outcome, int? ms, long at,
        FailureKind? kind = null) => HealthCheckRecord.From(new ProbeResult(account, check, outcome, ms, at, 200, null)
        {
            Kind = kind ?? FailureKindNames.Default(outcome),
        });

    /// <summary>The month's history, also stored on PostgreSQL by <see cref="MonthlyReportProviderTests"/>.</summary>
    internal static async Task SeedAsync(AmoHealthDbContext db)
    {
        var day = Utc(2026, 11, 10, 7, 0);
        List<HealthCheckRecord> rows =
        [
            Row("acme", CheckType.Get, Outcome.Down, null, Utc(2026, 10, 31, 20, 59)),
            Row("acme", CheckType.Get, Outcome.Up, 50, Utc(2026, 10, 31, 21, 1)),
            Row("acme", CheckType.Get, Outcome.Down, null, Utc(2026, 11, 30, 20, 59)),
            Row("acme", CheckType.Get, Outcome.Down, null, Utc(2026, 11, 30, 21, 1)),
            .. Enumerable.Range(1, 20).Select(i => Row("acme", CheckType.Get, Outcome.Up, i * 100, day + i * 60_000)),
            .. Enumerable.Range(30, 3).Select(i => Row("acme", CheckType.Get, Outcome.Throttled, 80, day + i * 60_000)),
            Row("=beta", CheckType.Post, Outcome.Up, 300, day),
        ];
        var maintenance = Enumerable.Range(40, 2).Select(i => Row("acme", CheckType.Get, Outcome.Down, null,
            day + i * 60_000)).ToList();
        maintenance.ForEach(r => r.InMaintenance = true);
        var ownFault = Row("acme", CheckType.Get, Outcome.Down, null, day + 50 * 60_000, FailureKind.Offline);
        db.HealthChecks.AddRange([.. rows, .. maintenance, ownFault]);
        await db.SaveChangesAsync();
        await RollupWriter.AddAsync(await db.SessionAsync(CancellationToken.None), [.. rows, .. maintenance, ownFault],
            CancellationToken.None, new HashSet<HealthCheckRecord> { ownFault });

        db.Incidents.AddRange(
            Incident(Outcome.Down, Utc(2026, 10, 31, 20, 59), 5),
            Incident(Outcome.Down, day, 10),
            Incident(Outcome.Down, day + 3_600_000, 20),
            Incident(Outcome.Down, Utc(2026, 11, 30, 20, 59), null),
            Incident(Outcome.Throttled, day + 7_200_000, 60));
        await db.SaveChangesAsync();
    }

    private static IncidentRecord Incident(Outcome kind, long start, int? minutes) => new()
    {
        Account = "acme", CheckType = CheckType.Get, Kind = kind, StartTime = start, CreatedAt = start,
        EndTime = start + minutes * 60_000, Duration = minutes * 60_000,
    };
}
