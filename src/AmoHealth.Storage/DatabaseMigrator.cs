using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Storage;

/// <summary>Brings the store to the current schema: SQLite gets its folder, the migrations and WAL; PostgreSQL gets the
/// database created if missing and the migrations under <see cref="PostgresSchemaLock"/>, so several Probers starting
/// at once migrate once, then SELECT granted to <c>Storage:ReadRole</c> (the Api's role).</summary>
public sealed class DatabaseMigrator(
    IDbContextFactory<AmoHealthDbContext> contexts,
    IOptions<StorageOptions> options,
    SchemaState schema)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider == StorageProvider.Postgres)
        {
            await using var schemaLock = await PostgresSchemaLock.AcquireAsync(
                StorageContexts.PostgresConnectionString(options.Value), cancellationToken);
            await MigrateLockedAsync(cancellationToken);
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Value.Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await MigrateLockedAsync(cancellationToken);
    }

    private async Task MigrateLockedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the Api read while the Prober writes; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else if (!string.IsNullOrEmpty(options.Value.ReadRole))
        {
            await PostgresReadRole.GrantAsync(db, options.Value.ReadRole, cancellationToken);
        }

        // A database from before the rollups (or from an older rollup format) gets them computed once.
        if (!await Rollups.RollupMaintainer.IsCurrentAsync(db, cancellationToken))
        {
            await Rollups.RollupMaintainer.RebuildAsync(db, cancellationToken);
        }

        schema.MarkReady();
    }
}
