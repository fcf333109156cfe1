using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>An Api over a file seeded with ten hours of results, incidents and another account: fresh for each
/// test.</summary>
public abstract class SeededApiTests : IAsyncLifetime
{
    protected readonly TempDatabase _database = new();
    protected readonly long _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    protected ApiHost _api = null!;
    protected HttpClient _client = null!;

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

        db.Incidents.Add(
            new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
            StartTime = _now - 7_200_000, EndTime = _now - 7_000_000, Duration = 200_000, CreatedAt = _now });
        db.Incidents.Add(
            new IncidentRecord { Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
            StartTime = _now - 3_600_000, EndTime = _now - 3_500_000, Duration = 100_000, CreatedAt = _now });
        db.Incidents.Add(
            new IncidentRecord { Account = "acme", CheckType = CheckType.Web, Kind = Outcome.AuthFailed,
            StartTime = _now - 9_000_000, CreatedAt = _now });
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

    protected async Task<List<JsonElement>> GetArrayAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).EnumerateArray().ToList();
    }
}
