using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Persistence;

/// <summary>
/// The Prober owns the schema: migrations run before any other hosted service starts, so nothing probes
/// into a database that is not ready. The Api only waits for them.
/// </summary>
public sealed partial class DatabaseInitializer(
    DatabaseMigrator migrator,
    Microsoft.EntityFrameworkCore.IDbContextFactory<AmoHealthDbContext> contexts,
    IReadOnlyList<Configuration.AmoAccount> accounts,
    Microsoft.Extensions.Options.IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedService, IDisposable
{
    private FileStream? _soleProber;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.Provider == StorageProvider.Sqlite)
        {
            _soleProber = SqliteProberLock.Acquire(storage.Value);
        }

        await migrator.MigrateAsync(cancellationToken);
        LogMigrated(logger);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var retired = await RetiredAccounts.RetireAsync(db, accounts.Select(a => a.Name).ToList(), time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            foreach (var account in retired)
            {
                LogRetired(logger, account);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Tidying retired accounts is not worth a Prober that does not start.
            LogRetireFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _soleProber?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account} is no longer configured: its open incidents are closed and it leaves the current status; its history stays")]
    private static partial void LogRetired(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing the incidents of accounts no longer configured failed; it is tried again at the next start")]
    private static partial void LogRetireFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date")]
    private static partial void LogMigrated(ILogger logger);
}
