using AmoHealth.Core.Storage;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A new database on the test run's <see cref="PostgresServer"/>; the server's folder goes with it.</summary>
public sealed class TempPostgresDatabase : ITestStore
{
    public TempPostgresDatabase()
    {
        Name = PostgresServer.Shared.CreateDatabase();
        ConnectionString = PostgresServer.Shared.ConnectionString(Name);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public StorageOptions Options =>
        new() { Provider = StorageProvider.Postgres, PostgresConnectionString = ConnectionString };

    public void Dispose()
    {
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        Npgsql.NpgsqlConnection.ClearPool(connection);
    }
}
