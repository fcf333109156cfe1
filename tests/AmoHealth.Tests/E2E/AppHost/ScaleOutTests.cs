using System.Net.Http.Json;
using System.Text.Json;
using AmoHealth.ServiceDefaults;
using AmoHealth.Tests.Infrastructure;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AmoHealth.Tests.E2E.AppHost;

/// <summary>
/// The demo on PostgreSQL with two Probers and two Api instances, as <c>Storage:Provider=postgres Scale:Probers=2
/// Scale:Apis=2</c> starts it: a Prober killed with -9 is replaced within two intervals, no check runs twice,
/// one outage alerts once each way, and a stream through the Gateway misses nothing across the loss of an Api.
/// </summary>
[Trait("Ring", "EndToEnd")]
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const int IntervalMs = 3_000;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempDatabase _folder = new();
    private DistributedApplication _app = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AmoHealth_AppHost>(
            ["Redis:Mode=executable", "Postgres:Mode=executable", "Storage:Provider=postgres", "Scale:Probers=2",
                "Scale:Apis=2",
             $"Storage:Path={_folder.Path}", $"CHECK_INTERVAL={IntervalMs}", "TIMEOUT_THRESHOLD=2000"],
            timeout.Token);
        builder.Services.AddLogging(logging =>
            logging.AddProvider(
            new FileLoggerProvider(Path.Combine(Path.GetTempPath(), "amohealth-scaleout-test.log"))));
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        foreach (
            var resource in new[] { "postgres", ResourceNames.Simulator, ResourceNames.Prober, ResourceNames.Api,
            ResourceNames.Gateway })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        _database = (await _app.GetConnectionStringAsync("postgres", timeout.Token))!;
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task TwoProbersAndTwoApisSurviveTheLossOfEitherWithoutDoubleProbesOrDoubleAlerts()
    {
        using var gateway = _app.CreateHttpClient(ResourceNames.Gateway);
        gateway.Timeout = Timeout.InfiniteTimeSpan;
        using var simulator = _app.CreateHttpClient(ResourceNames.Simulator);

        // Both Probers are members; exactly one probes the account.
        await Eventually.GetAsync(async () =>
            await ScalarAsync<long>("SELECT count(*) FROM leases WHERE name LIKE 'member:%' AND expires_at > "
            + Now) == 2 ? "two" : null, Wait, "two live Probers");
        var holder = await Eventually.GetAsync(() =>
            ScalarAsync<string>("SELECT holder FROM leases WHERE name = 'account:demo'"), Wait, "the account's holder");
        var since = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var gets = await Eventually.GetAsync(
            async () => await GetRequestTimesAsync(simulator, since) is { Count: >= 5 } times ? times : null,
            Wait, "five GET cycles");
        // One GET per cycle, never one per Prober: no two of them within half an interval.
        var gaps = gets.Order().Zip(gets.Order().Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, gap =>
            Assert.True(gap >= IntervalMs / 2, $"two GETs {gap} ms apart: {string.Join(", ", gaps)}"));

        var cursor = await LastEventIdAsync(gateway, null, 5);

        // Kill the holder (-9): the other Prober probes the account again within two intervals.
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Kill(int.Parse(holder.Split(':')[^2], System.Globalization.CultureInfo.InvariantCulture));
        var resumed = await Eventually.GetAsync(
            async () => await ScalarAsync<long?>(
                    $"SELECT min(timestamp) FROM health_checks WHERE check_type = 'GET' AND timestamp > {killedAt}")
                is { } t ? (object)t : null,
            Wait, "a GET probe after the kill");
        Assert.True((long)resumed - killedAt <= 2 * IntervalMs,
            $"the checks resumed {(long)resumed - killedAt} ms after the kill");
        Assert.NotEqual(holder, await ScalarAsync<string>("SELECT holder FROM leases WHERE name = 'account:demo'"));

        // One outage: exactly one 🔴 and one ✅, from whichever Prober now runs the cluster-wide work.
        (await simulator.DeleteAsync("/__sim/mattermost/messages")).EnsureSuccessStatusCode();
        (await simulator.PostAsJsonAsync("/__sim/faults", new { endpoint = "account", status = 503 }))
            .EnsureSuccessStatusCode();
        await Eventually.GetAsync(async () => (await MessagesAsync(simulator))
            .Any(m => m.Contains("🔴", StringComparison.Ordinal)) ? "down" : null, Wait, "the 🔴 alert");
        (await simulator.DeleteAsync("/__sim/faults")).EnsureSuccessStatusCode();
        await Eventually.GetAsync(async () => (await MessagesAsync(simulator))
            .Any(m => m.Contains("✅", StringComparison.Ordinal)) ? "up" : null, Wait, "the ✅ alert");
        // A result is stored in one transaction with any alert it raises: two more GET cycles stored, and the
        // outbox holds whatever they raised. Once it is all delivered, Mattermost has seen every alert.
        await MoreResultsAsync("GET", "two more GET cycles after the ✅ alert");
        Assert.Equal(1,
            await ScalarAsync<long>("SELECT count(*) FROM notifications WHERE check_type = 'GET' AND kind = 'down'"));
        Assert.Equal(1,
            await ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE check_type = 'GET' AND kind = 'restored'"));
        await Eventually.GetAsync(
            async () =>
                await ScalarAsync<long>(
                "SELECT count(*) FROM notifications WHERE check_type = 'GET' AND delivered_at IS NULL") == 0 ? "sent"
                : null,
            Wait, "every alert delivered");
        var messages = await MessagesAsync(simulator);
        Assert.Equal(1,
            messages.Count(m => m.Contains("🔴", StringComparison.Ordinal)
            && m.Contains("GET", StringComparison.Ordinal)));
        Assert.Equal(1,
            messages.Count(m => m.Contains("✅", StringComparison.Ordinal)
            && m.Contains("GET", StringComparison.Ordinal)));

        // Lose an Api instance; the client reconnects with Last-Event-ID and gets every result it missed.
        Kill(ApiProcesses()[0]);
        await MoreResultsAsync("GET", "two GET cycles while an Api is gone");
        var received = new List<long>();
        var last = await LastEventIdAsync(gateway, cursor, 10, received);
        var stored = await ListAsync($"SELECT id FROM health_checks WHERE id > {cursor} AND id <= {last} ORDER BY id");
        Assert.Equal(stored, received);
    }

    private const string Now = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    /// <summary>Waits until two more results of <paramref name="checkType"/> are stored than now.</summary>
    private async Task MoreResultsAsync(string checkType, string what)
    {
        var count = $"SELECT count(*) FROM health_checks WHERE check_type = '{checkType}'";
        var seen = await ScalarAsync<long>(count);
        await Eventually.GetAsync(async () => await ScalarAsync<long>(count) >= seen + 2 ? "stored" : null, Wait, what);
    }

    /// <summary>
    /// Reads <paramref name="count"/> updates (retrying through the Gateway while an Api is gone); returns the last
    /// event id.
    /// </summary>
    private static async Task<long> LastEventIdAsync(HttpClient gateway, long? lastEventId, int count,
        List<long>? ids = null)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stream");
                if (lastEventId is { } id)
                {
                    request.Headers.Add("Last-Event-ID",
                        id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                using var cancel = new CancellationTokenSource(Wait);
                long latest = lastEventId ?? 0;
                var seen = 0;
                await foreach (var item in SseReader.ReadAsync(response, cancel.Token))
                {
                    if (item.EventType != System.Net.ServerSentEvents.SseParser.EventTypeDefault
                        || item.EventId is not { Length: > 0 } eventId)
                    {
                        continue;
                    }

                    latest = long.Parse(eventId, System.Globalization.CultureInfo.InvariantCulture);
                    ids?.Add(latest);
                    if (++seen >= count)
                    {
                        return latest;
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<List<long>> GetRequestTimesAsync(HttpClient simulator, long since) =>
        [.. (await simulator.GetFromJsonAsync<JsonElement>($"/__sim/requests?since={since}")).EnumerateArray()
            .Where(r => r.GetProperty("endpoint").GetString() == "account")
            .Select(r => r.GetProperty("time").GetInt64())];

    private static async Task<List<string>> MessagesAsync(HttpClient simulator) =>
        [.. (await simulator.GetFromJsonAsync<JsonElement>("/__sim/mattermost/messages")).EnumerateArray()
            .Select(m => m.GetProperty("payload") is { ValueKind: JsonValueKind.Object } payload
                && payload.TryGetProperty("text", out var text)
                ? text.GetString() ?? string.Empty
                : m.GetProperty("payload").ToString())];

    private async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    private async Task<List<long>> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }

    private static List<int> ApiProcesses() =>
        [.. System.Diagnostics.Process.GetProcessesByName("AmoHealth.Api").Select(p => p.Id).Order()];

    private static void Kill(int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill",
            ["-9", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
