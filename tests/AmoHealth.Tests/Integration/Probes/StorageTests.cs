using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Persistence;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Probes;

[Trait("Ring", "Integration")]
public sealed class StorageTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task MigrationsCreateTheSeedTablesWithTheSeedColumnsInWalMode()
    {
        await _database.MigrateAsync();

        await using var connection = new SqliteConnection($"Data Source={_database.Path}");
        await connection.OpenAsync();
        Assert.Superset(
            new HashSet<string>
            {
                "id", "timestamp", "check_type", "status", "response_time", "error_message", "created_at", "account",
                    "outcome",
                "http_status", "dns_ms", "connect_ms", "tls_ms", "ttfb_ms",
            },
            Columns(connection, "health_checks"));
        Assert.Superset(
            new HashSet<string> { "id", "check_type", "start_time", "end_time", "duration", "details", "created_at",
                "account", "kind" },
            Columns(connection, "incidents"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task TheDatabaseAllowsOnlyOneOpenIncidentPerAccountAndCheck()
    {
        var contexts = await _database.MigrateAsync();
        await using var db = await contexts.CreateDbContextAsync();
        db.Incidents.Add(Incident(endTime: 1_000));
        db.Incidents.Add(Incident(endTime: null));
        await db.SaveChangesAsync();

        db.Incidents.Add(Incident(endTime: null));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task WriterStoresEveryResultAndTheLatestStatusThenPublishes()
    {
        var contexts = await _database.MigrateAsync();
        var publisher = new RecordingPublisher();
        var channel = new ResultChannel();
        using var writer = Pipeline.Writer(channel, new StoreConnections(_database.Options), publisher);
        await writer.StartAsync(CancellationToken.None);

        await channel.SubmitAsync(Result(CheckType.Get, 1_000, Outcome.Up), CancellationToken.None);
        await channel.SubmitAsync(Result(CheckType.Get, 2_000, Outcome.Down), CancellationToken.None);
        await channel.SubmitAsync(Result(CheckType.Web, 2_000, Outcome.AuthFailed), CancellationToken.None);
        await Eventually.TrueAsync(() => publisher.Count == 3, Wait, "three published results");
        await writer.StopAsync(CancellationToken.None);

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(3, await db.HealthChecks.CountAsync());
        var first = await db.HealthChecks.OrderBy(h => h.Id).FirstAsync();
        Assert.Equal((1, 2, 30, 90), (first.DnsMs, first.ConnectMs, first.TlsMs, first.TtfbMs));
        var get = await db.CheckStatuses.SingleAsync(s => s.CheckType == CheckType.Get);
        Assert.Equal((2_000L, "down", Outcome.Down), (get.LastCheck, get.Status, get.Outcome));
        var web = await db.CheckStatuses.SingleAsync(s => s.CheckType == CheckType.Web);
        Assert.Equal(("down", Outcome.AuthFailed), (web.Status, web.Outcome));
    }

    [Fact]
    public async Task ALateResultIsKeptInHistoryButNeverOverwritesANewerStatus()
    {
        var (contexts, channel, publisher, writer) = await StartWriterAsync();

        await channel.SubmitAsync(Result(CheckType.Post, 5_000, Outcome.Up) with { Sequence = 2 },
            CancellationToken.None);
        await Eventually.TrueAsync(() => publisher.Count == 1, Wait, "the newer result");
        await channel.SubmitAsync(Result(CheckType.Post, 4_000, Outcome.Down) with { Sequence = 1 },
            CancellationToken.None);
        await Eventually.TrueAsync(() => publisher.Count == 2, Wait, "the late result");
        await writer.StopAsync(CancellationToken.None);
        writer.Dispose();

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(2, await db.HealthChecks.CountAsync(h => h.CheckType == CheckType.Post));
        var status = await db.CheckStatuses.SingleAsync(s => s.CheckType == CheckType.Post);
        Assert.Equal((5_000L, Outcome.Up), (status.LastCheck, status.Outcome));
    }

    [Fact]
    public async Task AClockSteppedBackAnHourNeverFreezesTheStatus()
    {
        var (contexts, channel, publisher, writer) = await StartWriterAsync();
        // The wall clock reads an hour earlier after an NTP correction or a VM restore.
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stepped = before - 3_600_000;

        await channel.SubmitAsync(Result(CheckType.Get, before, Outcome.Up) with { Sequence = 1 },
            CancellationToken.None);
        await Eventually.TrueAsync(() => publisher.Count == 1, Wait, "the result before the step");
        await channel.SubmitAsync(Result(CheckType.Get, stepped, Outcome.Down) with { Sequence = 2 },
            CancellationToken.None);
        await Eventually.TrueAsync(() => publisher.Count == 2, Wait, "the result after the step");
        await writer.StopAsync(CancellationToken.None);
        writer.Dispose();

        await using var db = await contexts.CreateDbContextAsync();
        var status = await db.CheckStatuses.SingleAsync(s => s.CheckType == CheckType.Get);
        Assert.Equal(Outcome.Down, status.Outcome);
        Assert.Equal(CheckState.Suspect, status.State);
    }

    private async Task<(IDbContextFactory<AmoHealthDbContext>, ResultChannel, RecordingPublisher,
        ResultWriter)> StartWriterAsync()
    {
        var contexts = await _database.MigrateAsync();
        var publisher = new RecordingPublisher();
        var channel = new ResultChannel();
        var writer = Pipeline.Writer(channel, new StoreConnections(_database.Options), publisher);
        await writer.StartAsync(CancellationToken.None);
        return (contexts, channel, publisher, writer);
    }

    [Fact]
    public void ASlowButCorrectAnswerIsStillUpInTheSeedsTerms()
    {
        Assert.Equal("up", Outcome.Degraded.ToStatus());
        Assert.All(
            new[] { Outcome.Down, Outcome.AuthFailed, Outcome.Throttled, Outcome.Blocked, Outcome.Billing },
            o => Assert.Equal("down", o.ToStatus()));
        Assert.All(Enum.GetValues<Outcome>(), o => Assert.Equal(o, OutcomeNames.Parse(o.ToName())));
    }

    private static ProbeResult Result(string checkType, long timestamp, Outcome outcome) =>
        new("acme", checkType, outcome, 100, timestamp, outcome == Outcome.Up ? 200 : 503,
            outcome == Outcome.Up ? null : "HTTP 503",
            new ProbePhases(1, 2, 30, 90));

    private static IncidentRecord Incident(long? endTime) => new()
    {
        Account = "acme",
        CheckType = CheckType.Get,
        Kind = Outcome.Down,
        StartTime = 500,
        EndTime = endTime,
        CreatedAt = 500,
    };

    private static HashSet<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_xinfo('{table}');";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
