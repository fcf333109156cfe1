using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>The Api reads SQLite and PostgreSQL with its own plain commands: the same stored history gives the same
/// bytes on both, for every read endpoint (status, history raw and rolled up, CSV, stats, incidents, info).</summary>
[Trait("Ring", "Integration")]
public sealed class ProviderParityTests : IDisposable
{
    private static readonly long Now = new DateTimeOffset(2026, 11, 20, 12, 0, 30, TimeSpan.Zero)
        .ToUnixTimeMilliseconds();
    private readonly TempDatabase _sqlite = new();
    private readonly TempPostgresDatabase _postgres = new();

    public static readonly string[] Urls =
    [
        "/api/status",
        "/api/history?hours=1",
        "/api/history?hours=24",
        "/api/history?hours=24&account=acme&checkType=GET",
        "/api/history?hours=720",
        $"/api/history?from={Now - 5_400_000}&to={Now}&format=csv",
        "/api/stats?hours=24",
        "/api/stats?hours=720&account=acme",
        "/api/incidents",
        "/api/incidents?limit=2&offset=1",
        $"/api/incidents?from={Now - 3_700_000}",
        "/api/incidents?format=csv",
        "/api/info",
    ];

    public void Dispose()
    {
        _sqlite.Dispose();
        _postgres.Dispose();
    }

    [Fact]
    public async Task EveryReadEndpointAnswersTheSameBytesOnSqliteAndPostgres()
    {
        await SeedAsync(await _sqlite.MigrateAsync());
        await SeedAsync(await ((ITestStore)_postgres).MigrateAsync());

        var sqlite = await AnswersAsync(new Dictionary<string, string>());
        var postgres = await AnswersAsync(new Dictionary<string, string>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:amohealth"] = _postgres.ConnectionString,
        });

        foreach (var url in Urls)
        {
            Assert.True(sqlite[url].Length > 2, $"{url} answered nothing: {sqlite[url]}");
            Assert.Equal((url, sqlite[url]), (url, postgres[url]));
        }
    }

    private async Task<Dictionary<string, string>> AnswersAsync(Dictionary<string, string> settings)
    {
        await using var host = new ApiHost(_sqlite.Path, redis: null, settings: settings);
        await using var api = host.WithWebHostBuilder(b => b.ConfigureTestServices(
            services =>
                services.AddSingleton<TimeProvider>(
                new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Now)))));
        using var client = api.CreateClient();
        var answers = new Dictionary<string, string>();
        foreach (var url in Urls)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal((url, System.Net.HttpStatusCode.OK), (url, response.StatusCode));
            answers[url] = await response.Content.ReadAsStringAsync();
        }

        return answers;
    }

    /// <summary>Ten hours of GET (every 10th down), an hour of WEB, another account, incidents of three kinds, the
    /// Prober's facts.</summary>
    private static async Task SeedAsync(IDbContextFactory<AmoHealthDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var results = new List<ProbeResult>();
        for (var i = 0; i < 1_000; i++)
        {
            var outcome = i % 10 == 0 ? Outcome.Down : i % 37 == 0 ? Outcome.Throttled : Outcome.Up;
            results.Add(
                new ProbeResult("acme", CheckType.Get, outcome, 100 + (i % 200), Now - (i * 36_000L), 200, i % 10 == 0
                ? "HTTP 503, \"quoted\"" : null)
            {
                Phases = i % 3 == 0 ? new ProbePhases(1, 2, 3, 4) : null,
            });
        }

        for (var i = 0; i < 60; i++)
        {
            results.Add(new ProbeResult("acme", CheckType.Web, Outcome.Up, 50 + i, Now - (i * 60_000L), 200, null));
            results.Add(
                new ProbeResult("zeta", CheckType.Get, i % 7 == 0 ? Outcome.Down : Outcome.Up, i % 5 == 0 ? null : 70,
                Now - (i * 60_000L), 200, null));
        }

        await Results.StoreAsync(db, results.OrderBy(r => r.Timestamp));
        db.CheckStatuses.Add(Status("acme", CheckType.Get, Outcome.Up, Now - 36_000, CheckState.Up));
        db.CheckStatuses.Add(Status("acme", CheckType.Web, Outcome.Up, Now - 600_000, CheckState.Recovering));
        db.CheckStatuses.Add(Status("zeta", CheckType.Get, Outcome.Down, Now - 30_000, CheckState.Down));
        db.Incidents.Add(
            new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
            StartTime = Now - 7_200_000, EndTime = Now - 7_000_000, Duration = 200_000, CreatedAt = Now,
            Details = "HTTP 503" });
        db.Incidents.Add(
            new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Throttled,
            StartTime = Now - 3_600_000, EndTime = Now - 3_500_000, Duration = 100_000, CreatedAt = Now });
        db.Incidents.Add(
            new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
            StartTime = Now - 3_000_000, EndTime = Now - 2_900_000, Duration = 100_000, CreatedAt = Now });
        db.Incidents.Add(
            new IncidentRecord { Account = "acme", CheckType = CheckType.Web, Kind = Outcome.AuthFailed,
            StartTime = Now - 9_000_000, CreatedAt = Now });
        db.Incidents.Add(
            new IncidentRecord { Account = "zeta", CheckType = CheckType.Get, Kind = Outcome.Down,
            StartTime = Now - 420_000, CreatedAt = Now, Details = "=cmd" });
        db.ProbeStates.Add(
            State("acme", ProbeStateRecord.TokenExpiresKey, (Now + 86_400_000)
            .ToString(System.Globalization.CultureInfo.InvariantCulture)));
        db.ProbeStates.Add(
            State("acme", ProbeStateRecord.NoticeKey,
            ProbeStateRecord.FormatNotice(Now - 60_000, "test lead recreated")));
        db.ProbeStates.Add(
            State("zeta", ProbeStateRecord.DpActionKey,
            """{"StageId":142,"Url":"https://hooks.example/dp?account=zeta"}"""));
        db.ProbeStates.Add(
            State(string.Empty, ProbeStateRecord.ChannelKeyPrefix + "mattermost",
            """{"Name":"mattermost","State":"failing","Since":1,"Error":"HTTP 500"}"""));
        db.ProbeStates.Add(
            State(string.Empty, ProbeStateRecord.ChannelKeyPrefix + "email",
            """{"Name":"email","State":"ok","Since":null,"Error":null}"""));
        await db.SaveChangesAsync();
    }

    private static CheckStatusRecord Status(string account, string check, Outcome outcome, long at, CheckState state) =>
        new()
    {
        Account = account, CheckType = check, Status = outcome.ToStatus(), Outcome = outcome, ResponseTime = 120,
            LastCheck = at,
        ErrorMessage = outcome == Outcome.Up ? null : "HTTP 503", HttpStatus = 200, State = state, Streak = 2,
            FailingSince = state == CheckState.Up ? null : at - 60_000,
        IncidentId = state == CheckState.Down ? 5 : null,
    };

    private static ProbeStateRecord State(string account, string key, string value) =>
        new() { Account = account, Key = key, Value = value };
}
