using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>Contexts on the configured store without a host (tests, benchmarks, tools); services use the pooled
/// factory.</summary>
public sealed class StorageContextFactory(StorageOptions options) : IDbContextFactory<AmoHealthDbContext>
{
    private readonly DbContextOptions<AmoHealthDbContext> _options =
        (DbContextOptions<AmoHealthDbContext>)StorageContexts.Configure(
            new DbContextOptionsBuilder<AmoHealthDbContext>(), options).Options;

    public AmoHealthDbContext CreateDbContext() => new(_options);
}
