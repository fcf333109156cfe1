using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Fast;

/// <summary>The Api waits for the migration ids it was built with, without EF Core: a migration added to either
/// provider and not to <see cref="SchemaMigrations"/> would let it read a schema that is not there yet (or never get
/// ready).</summary>
[Trait("Ring", "Fast")]
public sealed class SchemaMigrationsTests
{
    [Fact]
    public void TheReadersListHoldsEverySqliteMigrationInOrder()
    {
        using var db = new StorageContextFactory(new StorageOptions { Path = "never-opened.db" }).CreateDbContext();

        Assert.Equal(db.Database.GetMigrations(), SchemaMigrations.Sqlite);
    }

    [Fact]
    public void TheReadersListHoldsEveryPostgresMigrationInOrder()
    {
        using var db = new StorageContextFactory(new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            PostgresConnectionString = "Host=127.0.0.1;Database=never_opened;Username=nobody",
        }).CreateDbContext();

        Assert.Equal(db.Database.GetMigrations(), SchemaMigrations.Postgres);
    }
}
