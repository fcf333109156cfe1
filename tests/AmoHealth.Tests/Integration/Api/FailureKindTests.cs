using System.Text.Json;
using AmoHealth.Api.Live;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>A result's failure kind goes from the writer to storage and out on every read path, by name.</summary>
[Trait("Ring", "Integration")]
public sealed class FailureKindTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task TheWritersKindIsStoredAndServedOnStatusHistoryTheStreamAndTheExport()
    {
        var contexts = await _database.MigrateAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        var publisher = new RecordingPublisher();
        var channel = new ResultChannel();
        var writer = Pipeline.Writer(channel, new StoreConnections(_database.Options), publisher);
        await writer.StartAsync(CancellationToken.None);
        var failed = new ProbeResult("acme", CheckType.Get, Outcome.Down, 3, at, null, "DNS: no such host")
        {
            Sequence = 1,
            Kind = FailureKind.Dns,
        };
        await channel.SubmitAsync(failed, CancellationToken.None);
        await Eventually.TrueAsync(() => publisher.Count > 0, TimeSpan.FromSeconds(10), "the result to be stored");
        await writer.StopAsync(CancellationToken.None);

        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal(FailureKind.Dns, (await db.HealthChecks.SingleAsync()).StoredKind);
            Assert.Equal(FailureKind.Dns, (await db.CheckStatuses.SingleAsync()).StoredKind);
        }

        await using var api = new ApiHost(_database.Path, redis: null);
        var client = api.CreateClient();
        var status = JsonDocument.Parse(await client.GetStringAsync("/api/status")).RootElement.EnumerateArray()
            .Single();
        Assert.Equal("dns", status.GetProperty("failureKind").GetString());
        Assert.Equal("DNS: no such host", status.GetProperty("errorMessage").GetString());
        var history = JsonDocument.Parse(await client.GetStringAsync("/api/history?hours=1")).RootElement;
        Assert.Equal("dns", history.EnumerateArray().Single().GetProperty("failureKind").GetString());
        var csv = await client.GetStringAsync("/api/history?hours=1&format=csv");
        Assert.EndsWith(",failure_kind", csv.Split("\r\n")[0]);
        Assert.EndsWith(",dns", csv.Split("\r\n")[1]);
        await using var events = await StreamEvents.OpenAsync(api.CreateClient());
        var snapshot = JsonDocument.Parse((await events.NextUpdatesAsync(1)).Single().Data).RootElement;
        Assert.Equal("dns", snapshot.GetProperty("data").GetProperty("failureKind").GetString());
    }

    [Fact]
    public async Task RowsOlderThanTheColumnReadAsTheirOutcomesDefaultKind()
    {
        var contexts = await _database.MigrateAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            foreach (var offset in new[] { 0, 1_000 })
            {
                db.HealthChecks.Add(new HealthCheckRecord
                {
                    Account = "acme", CheckType = CheckType.Get, Status = "down", Outcome = Outcome.AuthFailed,
                    Timestamp = at + offset,
                });
            }

            db.CheckStatuses.Add(new CheckStatusRecord
            {
                Account = "acme", CheckType = CheckType.Get, Status = "down", Outcome = Outcome.AuthFailed,
                    LastCheck = at,
            });
            await db.SaveChangesAsync();
        }

        var connections = new StoreConnections(_database.Options);
        var missed = await new StreamCatchUp(connections).AfterAsync(1, at, CancellationToken.None);
        Assert.Equal("token_rejected", Assert.Single(missed!).Data.FailureKind);
        await using var api = new ApiHost(_database.Path, redis: null);
        var client = api.CreateClient();
        var status = JsonDocument.Parse(await client.GetStringAsync("/api/status")).RootElement.EnumerateArray()
            .Single();
        Assert.Equal("token_rejected", status.GetProperty("failureKind").GetString());
        var history = JsonDocument.Parse(await client.GetStringAsync("/api/history?hours=1")).RootElement;
        Assert.All(history.EnumerateArray(), p =>
            Assert.Equal("token_rejected", p.GetProperty("failureKind").GetString()));
    }
}
