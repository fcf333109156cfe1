using AmoHealth.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AmoHealth.Migrator;

/// <summary><c>AmoHealth.Migrator copy-from-sqlite PATH</c>: moves a SQLite history into the PostgreSQL database named
/// by <c>ConnectionStrings:amohealth</c>. Every table is copied with its ids (the rollups record id ranges), with
/// PostgreSQL's binary COPY, in one transaction: a copy that fails leaves the target as it was. The target is migrated
/// first and must hold no history yet; the source is only read.</summary>
public static class SqliteToPostgresCopy
{
    public const string Command = "copy-from-sqlite";

    public static async Task<int> RunAsync(string sourcePath, string? target, TextWriter output,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(sourcePath))
        {
            await output.WriteLineAsync($"copy-from-sqlite: {sourcePath} does not exist.");
            return 2;
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            await output.WriteLineAsync("copy-from-sqlite: set ConnectionStrings__amohealth to the PostgreSQL " +
                "database to copy into.");
            return 2;
        }

        var source = new StorageOptions { Path = sourcePath, ReadOnly = true };
        await using (var sourceDb = new StorageContextFactory(source).CreateDbContext())
        {
            if ((await sourceDb.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                await output.WriteLineAsync($"copy-from-sqlite: {sourcePath} is from an older AmoHealth; run this " +
                    $"version's migrate step on it once (AmoHealth.Migrator --Storage:Path={sourcePath}), then copy.");
                return 2;
            }
        }

        var options = new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = target };
        var contexts = new StorageContextFactory(options);
        await new DatabaseMigrator(contexts, Microsoft.Extensions.Options.Options.Create(options),
            new SchemaState(new StoreConnections(options))).MigrateAsync(cancellationToken);
        await using var model = contexts.CreateDbContext();
        if (await model.HealthChecks.AnyAsync(cancellationToken) || await model.Incidents.AnyAsync(cancellationToken))
        {
            await output.WriteLineAsync("copy-from-sqlite: the PostgreSQL database already holds history; copy into " +
                "an empty one.");
            return 3;
        }

        // Every table of the model but the leases (they belong to the running cluster), principals before the
        // tables whose foreign keys name them, so a table added later is copied without anyone listing it here.
        var entities = model.Model.GetEntityTypes()
            .Where(e => e.ClrType != typeof(LeaseRecord))
            .OrderBy(e => e.GetForeignKeys().Count())
            .ToList();
        var tables = entities.Select(e => e.GetTableName()!).ToList();
        await using var to = new NpgsqlConnection(StorageContexts.PostgresConnectionString(options));
        await to.OpenAsync(cancellationToken);
        await using var transaction = await to.BeginTransactionAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand($"TRUNCATE {string.Join(", ", tables)}", to, transaction))
        {
            // Only what the migration itself wrote (the rollup version marker): the source brings its own.
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var from = new SqliteConnection(source.ConnectionString);
        await from.OpenAsync(cancellationToken);
        foreach (var table in tables)
        {
            var columns = Columns(model, table);
            var copied = await CopyTableAsync(from, to, table, columns, cancellationToken);
            await output.WriteLineAsync($"{table}: {copied} rows");
        }

        // Tables whose ids the database generates: new rows continue after the copied ids.
        foreach (var entity in entities)
        {
            if (entity.FindPrimaryKey()!.Properties
                is not [{ ValueGenerated: Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd } key])
            {
                continue;
            }

            var (table, column) = (entity.GetTableName()!, key.GetColumnName());
            await using var sequence = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), GREATEST((SELECT max(\"{column}\") " +
                    $"FROM {table}), 1))", to, transaction);
            await sequence.ExecuteScalarAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await output.WriteLineAsync("copy-from-sqlite: done. Point every Prober and Api at PostgreSQL " +
            "(Storage__Provider=postgres) and start them.");
        return 0;
    }

    /// <summary>The table's stored columns and their PostgreSQL types, from the model (computed columns left
    /// out).</summary>
    private static List<(string Name, string Type)> Columns(AmoHealthDbContext db, string table)
    {
        var entity = db.Model.GetEntityTypes().Single(e => e.GetTableName() == table);
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, null);
        return [.. entity.GetProperties()
            .Where(p => p.GetComputedColumnSql() is null)
            .Select(p => (p.GetColumnName(store)!, p.GetColumnType()))];
    }

    private static async Task<long> CopyTableAsync(
        SqliteConnection from, NpgsqlConnection to, string table, List<(string Name, string Type)> columns,
        CancellationToken cancellationToken)
    {
        var list = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var read = from.CreateCommand();
        read.CommandText = $"SELECT {list} FROM {table}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var write = await to.BeginBinaryImportAsync($"COPY {table} ({list}) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await write.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                if (await reader.IsDBNullAsync(i, cancellationToken))
                {
                    await write.WriteNullAsync(cancellationToken);
                    continue;
                }

                switch (columns[i].Type)
                {
                    case "integer":
                        await write.WriteAsync(Convert.ToInt32(reader.GetValue(i),
                            System.Globalization.CultureInfo.InvariantCulture), columns[i].Type, cancellationToken);
                        break;
                    case "bigint":
                        await write.WriteAsync(reader.GetInt64(i), columns[i].Type, cancellationToken);
                        break;
                    case "bytea":
                        await write.WriteAsync((byte[])reader.GetValue(i), columns[i].Type, cancellationToken);
                        break;
                    default:
                        await write.WriteAsync(reader.GetString(i), columns[i].Type, cancellationToken);
                        break;
                }
            }

            rows++;
        }

        await write.CompleteAsync(cancellationToken);
        return rows;
    }
}
