using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>A CSV export at a slow client's pace: the SQLite WAL stays bounded while the Prober writes, and one client
/// runs only so many exports at once.</summary>
[Trait("Ring", "Integration")]
public sealed class CsvExportTests : IDisposable
{
    private const int ErrorLength = 2_000;
    private readonly TempDatabase _database = new();
    private readonly long _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ASlowDownloadLeavesTheWalBoundedWhileResultsAreWritten()
    {
        var writer = await SeedAsync(5_000);
        await using var api = new ApiHost(_database.Path, redis: null);
        var address = api.Listen();
        using var client = SlowClient(address);
        using var response = await client.GetAsync("/api/history?hours=2&format=csv",
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var download = ReadAtOneKilobytePerSecondAsync(await response.Content.ReadAsStreamAsync(stop.Token),
            stop.Token);

        // The Prober goes on writing: far more than the WAL holds between two checkpoints (about 4 MB).
        var wal = _database.Path + "-wal";
        long largest = 0;
        long written = 0;
        for (var batch = 0; batch < 60; batch++)
        {
            await using var db = await writer.CreateDbContextAsync();
            var rows = Enumerable.Range(0, 250).Select(i => Result(_now - 1_000 + i)).ToList();
            await Results.StoreAsync(db, rows);
            written += rows.Count * ErrorLength;
            // Another test clearing the connection pools may close the last connection, which removes the WAL.
            largest = Math.Max(largest, File.Exists(wal) ? new FileInfo(wal).Length : 0);
        }

        Assert.False(download.IsCompleted, "the download is still going on (about 10 MB at 1 kB/s)");
        const long bound = 8 * 1024 * 1024;
        Assert.True(written > 3 * bound, $"the writer wrote {written} bytes: enough to outgrow a pinned WAL");
        Assert.True(largest <= bound, $"the WAL grew to {largest} bytes");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => download);
    }

    [Fact]
    public async Task AThirdExportAtOnceFromOneAddressIsRefusedWithAProblem()
    {
        await SeedAsync(5_000);
        await using var api = new ApiHost(_database.Path, redis: null);
        var address = api.Listen();
        using var client = SlowClient(address);
        // Two exports that the client does not read: each holds its slot until it ends.
        using var first = await client.GetAsync("/api/history?hours=2&format=csv",
            HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync("/api/history?hours=2&format=csv",
            HttpCompletionOption.ResponseHeadersRead);

        using var third = await client.GetAsync("/api/incidents?format=csv", HttpCompletionOption.ResponseHeadersRead);
        using var json = await client.GetAsync("/api/history?hours=2&account=acme",
            HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("no", Assert.Single(first.Headers.GetValues("X-Accel-Buffering")));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Api:Limits:CsvPerClient", problem.GetProperty("limit").GetString());
        Assert.Contains("At most 2 CSV exports", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);

        // A slot comes back when its download ends.
        first.Dispose();
        await Eventually.GetAsync(async () =>
        {
            using var again = await client.GetAsync("/api/incidents?format=csv");
            return again.StatusCode == HttpStatusCode.OK ? again.StatusCode.ToString() : null;
        }, TimeSpan.FromSeconds(20), "an export after one of the two ended");
    }

    private async Task<IDbContextFactory<AmoHealth.Core.Storage.AmoHealthDbContext>> SeedAsync(int count)
    {
        var writer = await _database.MigrateAsync();
        await using var db = await writer.CreateDbContextAsync();
        // About 10 MB of CSV: far more than the sockets between the Api and the client buffer.
        await Results.StoreAsync(db, Enumerable.Range(0, count).Select(i => Result(_now - 3_000_000 + i)));
        // The WAL file keeps its largest size: start from empty, so what follows is measured, not the seeding.
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        return writer;
    }

    private static ProbeResult Result(long timestamp) =>
        new("acme", CheckType.Get, Outcome.Down, 100, timestamp, 500, new string('x', ErrorLength));

    /// <summary>A client with a small receive window, so the Api's writes wait for it as they would for a slow
    /// link.</summary>
    private static HttpClient SlowClient(Uri address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4_096 };
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = address,
    };

    private static async Task ReadAtOneKilobytePerSecondAsync(Stream body, CancellationToken cancellationToken)
    {
        await using (body)
        {
            var buffer = new byte[1_024];
            using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await pace.WaitForNextTickAsync(cancellationToken)
                && await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
    }
}
