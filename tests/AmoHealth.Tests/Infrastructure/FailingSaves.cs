using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>Contexts on a SQLite file whose saves fail while <see cref="Failing"/> is set, as on a full or read-only disk.</summary>
public sealed class FailingSaves(string connectionString) : SaveChangesInterceptor, IDbContextFactory<AmoHealthDbContext>
{
    public volatile bool Failing;

    public AmoHealthDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<AmoHealthDbContext>().UseSqlite(connectionString).AddInterceptors(this).Options);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        Failing
            ? throw new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13)
            : base.SavingChangesAsync(eventData, result, cancellationToken);
}
