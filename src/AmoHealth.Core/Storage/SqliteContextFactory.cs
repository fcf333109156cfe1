using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>Contexts on one SQLite file without a host (tests, benchmarks, tools); services use the pooled factory.</summary>
public sealed class SqliteContextFactory(string connectionString) : IDbContextFactory<AmoHealthDbContext>
{
    public SqliteContextFactory(StorageOptions options)
        : this(options.ConnectionString)
    {
    }

    public AmoHealthDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<AmoHealthDbContext>().UseSqlite(connectionString).Options);
}
