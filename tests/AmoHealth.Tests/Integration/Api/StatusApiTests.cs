using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

[Trait("Ring", "Integration")]
public sealed class StatusApiTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task StatusListsEveryAccountAndCheckInTheDashboardsOrder()
    {
        var contexts = await _database.MigrateAsync();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            foreach (var account in new[] { "zeta", "acme" })
            {
                foreach (var checkType in CheckType.All.Reverse())
                {
                    db.CheckStatuses.Add(new CheckStatusRecord
                    {
                        Account = account,
                        CheckType = checkType,
                        Status = checkType == CheckType.Hook ? "down" : "up",
                        Outcome = checkType == CheckType.Hook ? Outcome.Throttled : Outcome.Up,
                        ResponseTime = 450,
                        LastCheck = 1_699_876_543_210,
                        ErrorMessage = checkType == CheckType.Hook ? "HTTP 429: rate limited by amoCRM" : null,
                        HttpStatus = checkType == CheckType.Hook ? 429 : 200,
                    });
                }
            }

            db.ProbeStates.Add(new ProbeStateRecord
            {
                Account = "acme",
                Key = ProbeStateRecord.TokenExpiresKey,
                Value = DateTimeOffset.UtcNow.AddDays(12).AddHours(1).ToUnixTimeMilliseconds()
                    .ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            await db.SaveChangesAsync();
        }

        await using var api = new ApiHost(_database.Path, redis: null);
        using var response = await api.CreateClient().GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(10, entries.Count);
        Assert.Equal(
            CheckType.All.Select(c => "acme/" + c).Concat(CheckType.All.Select(c => "zeta/" + c)),
            entries.Select(e => $"{e.GetProperty("account").GetString()}/{e.GetProperty("checkType").GetString()}"));
        var hook = entries.First(e => e.GetProperty("checkType").GetString() == CheckType.Hook);
        Assert.Equal("down", hook.GetProperty("status").GetString());
        Assert.Equal("throttled", hook.GetProperty("outcome").GetString());
        Assert.Equal(450, hook.GetProperty("responseTime").GetInt32());
        Assert.Equal(1_699_876_543_210, hook.GetProperty("lastCheck").GetInt64());
        Assert.Equal("HTTP 429: rate limited by amoCRM", hook.GetProperty("errorMessage").GetString());
        var get = entries.First();
        Assert.Equal(JsonValueKind.Null, get.GetProperty("errorMessage").ValueKind);
        Assert.Equal(12, get.GetProperty("tokenDaysLeft").GetInt32());
        Assert.Equal(JsonValueKind.Null, entries.Last().GetProperty("tokenDaysLeft").ValueKind);
    }

    [Fact]
    public async Task BeforeTheProberHasCreatedTheSchemaStatusSays503AndHealthIsUnhealthy()
    {
        await using var api = new ApiHost(_database.Path, redis: null);
        var client = api.CreateClient();

        using var status = await client.GetAsync("/api/status");
        using var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        Assert.Equal("application/problem+json", status.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

        await _database.MigrateAsync();
        using var after = await client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("[]", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownApiPathIsAProblemNotAPage()
    {
        await _database.MigrateAsync();
        await using var api = new ApiHost(_database.Path, redis: null);

        using var response = await api.CreateClient().GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
