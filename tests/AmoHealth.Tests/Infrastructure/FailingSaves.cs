using AmoHealth.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A SQLite file whose writes fail while <see cref="Failing"/> is set, as on a full disk: triggers on every
/// table make each INSERT, UPDATE and DELETE fail with SQLite's own error, whatever writes it (contexts from here,
/// plain sessions from <see cref="CreateConnections"/>, or any other connection to the file).
/// </summary>
public sealed class FailingSaves(string connectionString) : IDbContextFactory<AmoHealthDbContext>
{
    private const string Prefix = "failing_disk_";
    private static readonly string[] Operations = ["INSERT", "UPDATE", "DELETE"];
    private readonly Lock _gate = new();
    private bool _failing;

    /// <summary>Whether writes fail now; setting it adds or drops the triggers before it returns.</summary>
    public bool Failing
    {
        get
        {
            lock (_gate)
            {
                return _failing;
            }
        }
        set
        {
            lock (_gate)
            {
                if (value != _failing)
                {
                    Apply(value);
                    _failing = value;
                }
            }
        }
    }

    public AmoHealthDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<AmoHealthDbContext>().UseSqlite(connectionString).Options);

    /// <summary>Plain connections to the same file, as the Prober's writer opens them (dispose it at the end of the test).</summary>
    public StoreConnections CreateConnections() =>
        new(new StorageOptions { Path = new SqliteConnectionStringBuilder(connectionString).DataSource });

    private void Apply(bool failing)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            foreach (var operation in Operations)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var trigger = $"\"{Prefix}{table}_{operation.ToLowerInvariant()}\"";
                command.CommandText = failing
                    ? $"CREATE TRIGGER {trigger} BEFORE {operation} ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
                    : $"DROP TRIGGER IF EXISTS {trigger}";
                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }
}
