using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A fresh, real store for one test: a SQLite file or a PostgreSQL database.</summary>
public interface ITestStore : IDisposable
{
    StorageOptions Options { get; }

    IDbContextFactory<AmoHealthDbContext> CreateFactory() => new StorageContextFactory(Options);

    /// <summary>Plain connections to the store as the Prober writes through them (dispose it at the test's end).
    /// </summary>
    StoreConnections CreateConnections() => new(Options);

    /// <summary>Applies the migrations as the migrate step (AmoHealth.Migrator) does before the Prober starts.
    /// </summary>
    Task<IDbContextFactory<AmoHealthDbContext>> MigrateAsync() => MigrateAsync(Options);

    static async Task<IDbContextFactory<AmoHealthDbContext>> MigrateAsync(StorageOptions options)
    {
        var factory = new StorageContextFactory(options);
        await new DatabaseMigrator(
                factory,
                Microsoft.Extensions.Options.Options.Create(options),
                new SchemaState(new StoreConnections(options)))
            .MigrateAsync(CancellationToken.None);
        return factory;
    }
}
