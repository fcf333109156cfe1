using System.Net;
using System.Text.Json;
using AmoHealth.Api.Queries;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>Fifty accounts on one page: the unfiltered history stays bounded and loses no result.</summary>
[Trait("Ring", "Integration")]
public sealed class ManyAccountsHistoryTests : IAsyncLifetime
{
    private const int Accounts = 50;
    private const long Spacing = 10 * 60_000L;
    private readonly TempDatabase _database = new();
    private readonly long _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private ApiHost _api = null!;
    private HttpClient _client = null!;
    private int _stored;

    public async Task InitializeAsync()
    {
        var contexts = await _database.MigrateAsync();
        await using var db = await contexts.CreateDbContextAsync();
        // Every check of 50 accounts every 10 minutes for a day: 250 series of 144 results.
        var results = new List<ProbeResult>();
        for (var a = 0; a < Accounts; a++)
        {
            foreach (var check in CheckType.All)
            {
                for (var t = _now - 86_400_000L + Spacing; t <= _now; t += Spacing)
                {
                    results.Add(
                        new ProbeResult($"acc-{a:00}", check, (t / Spacing) % 7 == 0 ? Outcome.Down : Outcome.Up, 100
                        + a, t, 200, null));
                }

                db.CheckStatuses.Add(
                    new CheckStatusRecord { Account = $"acc-{a:00}", CheckType = check, Status = "up",
                    LastCheck = _now });
            }
        }

        await Results.StoreAsync(db, results);
        _stored = results.Count;
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
    public async Task UnfilteredHistoryShareTheBudgetBetweenSeriesAndEveryResultIsStillCounted()
    {
        using var response = await _client.GetAsync("/api/history?hours=24");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        var points = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();

        Assert.True(body.Length <= 2 * 1024 * 1024, $"{body.Length} bytes");
        var series = points.GroupBy(p => (p.GetProperty("account").GetString(), p.GetProperty("checkType").GetString()))
            .ToList();
        Assert.Equal(Accounts * CheckType.All.Count, series.Count);
        // A window that does not start on a bucket boundary adds at most one bucket per series.
        Assert.All(series, s => Assert.InRange(s.Count(), 2, HistoryReader.PointsPerSeries(series.Count) + 1));
        Assert.InRange(points.Count, 1, HistoryReader.MaxPoints + series.Count);
        // Coarser buckets, the same results: every stored result is in exactly one point.
        Assert.Equal(_stored, points.Sum(p => p.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task OneAccountKeepsItsDetail()
    {
        var points = (await (await _client.GetAsync("/api/history?hours=24&account=acc-07")).JsonAsync())
            .EnumerateArray().ToList();

        Assert.All(points, p => Assert.Equal("acc-07", p.GetProperty("account").GetString()));
        // 144 results per check, each in a point of its own at this spacing.
        Assert.Equal(144 * CheckType.All.Count, points.Sum(p => p.GetProperty("count").GetInt32()));
        Assert.True(points.Count >= 140 * CheckType.All.Count, $"{points.Count} points");
    }
}
