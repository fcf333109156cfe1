using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>Points a context at the configured engine; the one place that knows both providers' options.</summary>
public static class StorageContexts
{
    /// <summary>The assembly that holds the PostgreSQL migrations (SQLite's live beside the context).</summary>
    public const string PostgresMigrationsAssembly = "AmoHealth.Storage.Postgres";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, StorageOptions options) =>
        options.Provider == StorageProvider.Postgres
            ? builder.UseNpgsql(PostgresConnectionString(options), o =>
                o.MigrationsAssembly(PostgresMigrationsAssembly))
            : options.ReadOnly
                ? builder.UseSqlite(options.ConnectionString).AddInterceptors(SqliteMemoryMap.Instance)
                : builder.UseSqlite(options.ConnectionString)
                    .AddInterceptors(SqliteMemoryMap.Instance, SqliteKeepWalInterceptor.Instance);

    /// <summary>The configured connection string, read-only sessions for a reader (see
    /// <see cref="StoreConnections"/>).</summary>
    public static string PostgresConnectionString(StorageOptions options) =>
        StoreConnections.PostgresConnectionString(options);
}
