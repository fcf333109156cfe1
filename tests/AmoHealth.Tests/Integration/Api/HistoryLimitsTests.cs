using System.Net;
using System.Text.Json;
using AmoHealth.Api.Queries;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>A history window with more series than one answer holds is refused by name, not read row by row.</summary>
[Trait("Ring", "Integration")]
public sealed class HistoryLimitsTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task MoreSeriesThanOneAnswerHoldsIsABadRequestNamingTheLimit()
    {
        var writer = await _database.MigrateAsync();
        var hour = Resolution.Hour.Floor(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000);
        await using (var db = await writer.CreateDbContextAsync())
        {
            // One more account than the cap allows, one check each.
            db.HourRollups.AddRange(
                Enumerable.Range(0, (HistoryReader.MaxPoints / HistoryReader.MinPointsPerSeries) + 1)
                .Select(i => new HourRollup
            {
                Account = $"account-{i:D4}", CheckType = CheckType.Get, Bucket = hour, Count = 1, UpCount = 1,
                    TimedCount = 1,
                SumMs = 100, MinMs = 100, MaxMs = 100, FirstId = i + 1, LastId = i + 1, Histogram = [],
            }));
            await db.SaveChangesAsync();
        }

        await using var api = new ApiHost(_database.Path, redis: null);
        using var client = api.CreateClient();

        using var all = await client.GetAsync("/api/history?hours=24");
        using var one = await client.GetAsync("/api/history?hours=24&account=account-0001");

        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        Assert.Equal("application/problem+json", all.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("account", problem.GetProperty("parameter").GetString());
        Assert.Contains($"more than {HistoryReader.MaxPoints / HistoryReader.MinPointsPerSeries} series",
            problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
    }
}
