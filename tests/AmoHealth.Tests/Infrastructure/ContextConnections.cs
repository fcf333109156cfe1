using System.Collections.Concurrent;
using AmoHealth.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// Plain connections to the store an EF context factory points at, for helpers that are handed a factory but
/// build parts that write through <see cref="StoreConnections"/>. One per store, kept for the test run.
/// </summary>
public static class ContextConnections
{
    private static readonly ConcurrentDictionary<string, StoreConnections> Opened = new(StringComparer.Ordinal);

    public static StoreConnections Connections(this IDbContextFactory<AmoHealthDbContext> contexts)
    {
        using var db = contexts.CreateDbContext();
        var postgres = db.Database.IsNpgsql();
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The context factory names no connection string.");
        return Opened.GetOrAdd(connectionString, cs => new StoreConnections(postgres
            ? new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = cs }
            : new StorageOptions { Path = new SqliteConnectionStringBuilder(cs).DataSource }));
    }
}
