using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AmoHealth.Core.Storage;

/// <summary>EF's connections get <see cref="SqliteMemoryMapPragma"/> as they open.</summary>
public sealed class SqliteMemoryMap : DbConnectionInterceptor
{
    public static SqliteMemoryMap Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqliteMemoryMapPragma.Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default) =>
        SqliteMemoryMapPragma.ApplyAsync(connection, cancellationToken);
}
