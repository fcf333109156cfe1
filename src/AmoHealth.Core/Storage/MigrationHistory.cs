using Npgsql;

namespace AmoHealth.Core.Storage;

/// <summary>Reads which migrations the database has applied (EF Core's <c>__EFMigrationsHistory</c>) with a plain
/// command.</summary>
public static class MigrationHistory
{
    /// <summary>The applied migration ids; null when there is no database yet, or no history table in it.</summary>
    public static async Task<IReadOnlySet<string>?> AppliedAsync(StoreConnections connections,
        CancellationToken cancellationToken)
    {
        // Opening a SQLite file that is not there would create it (the Prober) or fail (the Api, read-only).
        if (connections.Provider == StorageProvider.Sqlite && !File.Exists(Path.GetFullPath(connections.Options.Path)))
        {
            return null;
        }

        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using (var exists = connection.Command(connections.Provider == StorageProvider.Postgres
                ? "SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL"
                : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = " +
                    "'__EFMigrationsHistory')"))
            {
                if (!Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken),
                    System.Globalization.CultureInfo.InvariantCulture))
                {
                    return null;
                }
            }

            await using var command = connection.Command("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }

            return applied;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The migrate step creates the database on its first run.
            return null;
        }
    }
}
