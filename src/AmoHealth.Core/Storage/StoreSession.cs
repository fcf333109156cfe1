using System.Data.Common;

namespace AmoHealth.Core.Storage;

/// <summary>One connection to the store and, for a unit of work, its transaction: every command made through it runs in
/// that transaction. The writer's (the Prober's) way to the database without an ORM; it works under
/// NativeAOT.</summary>
public sealed class StoreSession : IAsyncDisposable
{
    private readonly bool _ownsConnection;

    public StoreSession(DbConnection connection, DbTransaction? transaction, StorageProvider provider,
        bool ownsConnection)
    {
        Connection = connection;
        Transaction = transaction;
        Provider = provider;
        _ownsConnection = ownsConnection;
    }

    public DbConnection Connection { get; }

    /// <summary>The unit of work's transaction, or null for single statements (each commits on its own).</summary>
    public DbTransaction? Transaction { get; }

    public StorageProvider Provider { get; }

    public bool IsPostgres => Provider == StorageProvider.Postgres;

    /// <summary>A command in this session's transaction.</summary>
    public DbCommand Command(string sql)
    {
        var command = Connection.Command(sql);
        command.Transaction = Transaction;
        return command;
    }

    public Task CommitAsync(CancellationToken cancellationToken) =>
        Transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (!_ownsConnection)
        {
            return;
        }

        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}
