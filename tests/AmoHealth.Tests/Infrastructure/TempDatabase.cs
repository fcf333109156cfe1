using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A real SQLite file in a fresh temporary folder, deleted with the folder.</summary>
public sealed class TempDatabase : ITestStore
{
    public TempDatabase()
    {
        Directory = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(), "amohealth-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "health_checks.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public StorageOptions Options => new() { Path = Path };

    public IDbContextFactory<AmoHealthDbContext> CreateFactory() => new StorageContextFactory(Options);

    public Task<IDbContextFactory<AmoHealthDbContext>> MigrateAsync() => ITestStore.MigrateAsync(Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing the file; the OS temp cleaner takes it.
        }
    }
}
