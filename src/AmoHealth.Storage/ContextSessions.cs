using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AmoHealth.Core.Storage;

/// <summary>A context's connection and current transaction as a <see cref="StoreSession"/> (tools and tests that still
/// use EF).</summary>
public static class ContextSessions
{
    /// <summary>The session shares the context's connection and transaction; disposing it leaves both to the
    /// context.</summary>
    public static async Task<StoreSession> SessionAsync(this AmoHealthDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new StoreSession(
            db.Database.GetDbConnection(),
            db.Database.CurrentTransaction?.GetDbTransaction(),
            db.Database.IsNpgsql() ? StorageProvider.Postgres : StorageProvider.Sqlite,
            ownsConnection: false);
    }
}
