using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AmoHealth.Storage.Postgres;

/// <summary>Lets <c>dotnet ef migrations add X --project src/AmoHealth.Storage.Postgres</c> build the PostgreSQL model
/// without a host or a server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AmoHealthDbContext>
{
    public AmoHealthDbContext CreateDbContext(string[] args) =>
        new StorageContextFactory(new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            PostgresConnectionString = "Host=127.0.0.1;Database=amohealth;Username=amohealth",
        }).CreateDbContext();
}
