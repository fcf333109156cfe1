using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Storage;

/// <summary>Creates the database folder, applies migrations and switches the file to WAL.</summary>
public sealed class DatabaseMigrator(
    IDbContextFactory<AmoHealthDbContext> contexts,
    IOptions<StorageOptions> options,
    SchemaState schema)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Value.Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the Api read while the Prober writes; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // A database from before the rollups (or from an older rollup format) gets them computed once.
        if (!await Rollups.RollupMaintainer.IsCurrentAsync(db, cancellationToken))
        {
            await Rollups.RollupMaintainer.RebuildAsync(db, cancellationToken);
        }

        schema.MarkReady();
    }
}
