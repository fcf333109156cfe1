using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Storage;

/// <summary>
/// The Prober owns the schema: migrations run before any other hosted service starts, so nothing probes
/// into a database that is not ready. The Api only waits for them.
/// </summary>
public sealed partial class DatabaseInitializer(DatabaseMigrator migrator, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        LogMigrated(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date")]
    private static partial void LogMigrated(ILogger logger);
}
