using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AmoHealth.Core.Storage;

/// <summary>EF's writing connections get <see cref="SqliteKeepWal"/> as they open (migrations, tools).</summary>
public sealed class SqliteKeepWalInterceptor : DbConnectionInterceptor
{
    public static SqliteKeepWalInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqliteKeepWal.Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        SqliteKeepWal.Apply(connection);
        return Task.CompletedTask;
    }
}
