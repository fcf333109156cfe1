using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AmoHealth.Core.Storage;

/// <summary>Points a context at the configured engine; the one place that knows both providers' options.</summary>
public static class StorageContexts
{
    /// <summary>The assembly that holds the PostgreSQL migrations (SQLite's live beside the context).</summary>
    public const string PostgresMigrationsAssembly = "AmoHealth.Storage.Postgres";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, StorageOptions options) =>
        options.Provider == StorageProvider.Postgres
            ? builder.UseNpgsql(PostgresConnectionString(options), o => o.MigrationsAssembly(PostgresMigrationsAssembly))
            : options.ReadOnly
                ? builder.UseSqlite(options.ConnectionString).AddInterceptors(SqliteMemoryMap.Instance)
                : builder.UseSqlite(options.ConnectionString).AddInterceptors(SqliteMemoryMap.Instance, SqliteKeepWal.Instance);

    /// <summary>
    /// The configured connection string; a reader (the Api) gets sessions PostgreSQL itself keeps read-only,
    /// the counterpart of SQLite's <c>Mode=ReadOnly</c>.
    /// </summary>
    public static string PostgresConnectionString(StorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
        if (options.ReadOnly)
        {
            builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        }

        return builder.ConnectionString;
    }
}
