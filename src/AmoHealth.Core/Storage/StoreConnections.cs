using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AmoHealth.Core.Storage;

/// <summary>Plain connections to the configured store, no ORM: SQLite through Microsoft.Data.Sqlite, PostgreSQL through
/// a slim Npgsql data source. Both work under NativeAOT. Readers (the Api) get read-only ones; the writer (the Prober)
/// opens <see cref="StoreSession"/>s.</summary>
public sealed class StoreConnections : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _postgres;

    public StoreConnections(StorageOptions options)
    {
        Options = options;
        _postgres = new(() =>
            new NpgsqlSlimDataSourceBuilder(PostgresConnectionString(options)).EnableArrays().Build());
    }

    public StorageOptions Options { get; }

    public StorageProvider Provider => Options.Provider;

    /// <summary>The configured connection string; a reader (the Api) gets sessions PostgreSQL itself keeps read-only,
    /// the counterpart of SQLite's <c>Mode=ReadOnly</c>.</summary>
    public static string PostgresConnectionString(StorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
        if (options.ReadOnly)
        {
            builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        }

        return builder.ConnectionString;
    }

    /// <summary>An open connection; the caller disposes it (back to the pool).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Provider == StorageProvider.Postgres)
        {
            return await _postgres.Value.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(Options.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteMemoryMapPragma.ApplyAsync(connection, cancellationToken);
            if (!Options.ReadOnly)
            {
                SqliteKeepWal.Apply(connection);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A unit of work: an open connection and a transaction on it; commit it, then dispose it.</summary>
    public async Task<StoreSession> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new StoreSession(connection, transaction, Provider, ownsConnection: true);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>An open connection without a transaction: each statement commits on its own.</summary>
    public async Task<StoreSession> ConnectAsync(CancellationToken cancellationToken) =>
        new(await OpenAsync(cancellationToken), null, Provider, ownsConnection: true);

    public async ValueTask DisposeAsync()
    {
        if (_postgres.IsValueCreated)
        {
            await _postgres.Value.DisposeAsync();
        }
    }
}
