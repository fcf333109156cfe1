using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>Contexts on a SQLite file whose writes (saves and bulk updates) fail while <see cref="Failing"/> is set, as on a full or read-only disk.</summary>
public sealed class FailingSaves(string connectionString) : SaveChangesInterceptor, IDbContextFactory<AmoHealthDbContext>
{
    public volatile bool Failing;

    public AmoHealthDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<AmoHealthDbContext>().UseSqlite(connectionString).AddInterceptors(this, new FailingWrites(this)).Options);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        Failing
            ? throw new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13)
            : base.SavingChangesAsync(eventData, result, cancellationToken);

    private sealed class FailingWrites(FailingSaves owner) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            owner.Failing
                ? throw new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13)
                : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
