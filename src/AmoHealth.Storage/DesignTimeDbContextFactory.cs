using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AmoHealth.Core.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without a host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AmoHealthDbContext>
{
    public AmoHealthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AmoHealthDbContext>().UseSqlite("Data Source=design.db").Options);
}
