using Npgsql;

namespace AmoHealth.Core.Storage;

/// <summary>Serializes schema work across every Prober that starts at once against one PostgreSQL database: the
/// database is created if missing (a racing creator is not an error), then a session-level advisory lock is held while
/// migrations and the rollup rebuild run; the others wait, then find nothing left to do.</summary>
public sealed class PostgresSchemaLock : IAsyncDisposable
{
    // Any constant both sides agree on: "AmoHealth" in ASCII, folded into a bigint.
    private const long LockKey = 0x416D6F4865616C;

    private readonly NpgsqlConnection _connection;

    private PostgresSchemaLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresSchemaLock> AcquireAsync(string connectionString,
        CancellationToken cancellationToken)
    {
        await EnsureDatabaseAsync(connectionString, cancellationToken);
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresSchemaLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session releases the lock, even if the unlock below never runs.
        await using (_connection)
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Missing: created below from the server's maintenance database.
        }

        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database
            ?? throw new InvalidOperationException("ConnectionStrings:amohealth names no Database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres",
            Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand("CREATE DATABASE " +
            $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex)
            when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another Prober created it first.
        }
    }
}
