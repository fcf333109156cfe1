using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Persistence;

/// <summary>The Prober's first hosted service. The schema is the migrate step's (<c>AmoHealth.Migrator</c>, run before
/// the Prober by systemd's <c>amohealth-migrate</c> unit and by the AppHost): the Prober never migrates. With SQLite it
/// takes the single-Prober lock; then, once the schema is current, it retires the accounts no longer configured and
/// starts the services that use the database (<see cref="SchemaGatedServices"/>). On a database that is not migrated
/// yet it says so once and waits, answering <c>/alive</c> and not ready on <c>/health</c>, instead of failing and being
/// restarted over and over.</summary>
public sealed partial class DatabaseInitializer(
    SchemaState schema,
    StoreConnections connections,
    SchemaGatedServices gated,
    IReadOnlyList<Configuration.AmoAccount> accounts,
    Microsoft.Extensions.Options.IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedService, IDisposable
{
    /// <summary>How often a Prober waiting for the migrate step asks the database again.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private FileStream? _soleProber;
    private int _disposed;
    private Task _waiting = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.Provider == StorageProvider.Sqlite)
        {
            _soleProber = SqliteProberLock.Acquire(storage.Value);
        }

        if (await IsCurrentAsync(warn: true, cancellationToken))
        {
            await ReadyAsync(cancellationToken);
            return;
        }

        _waiting = WaitAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host torn down while it starts may dispose the services before it stops them.
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _stopping.CancelAsync();
        }

        try
        {
            await _waiting;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the migrate step.
        }

        await gated.StopAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Dispose();
        _soleProber?.Dispose();
    }

    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        do
        {
            await Task.Delay(PollInterval, time, stoppingToken);
        }
        while (!await IsCurrentAsync(warn: false, stoppingToken));

        try
        {
            await ReadyAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // What would have failed the start fails the Prober now.
            gated.Fail(ex);
        }
    }

    /// <summary>Whether every migration is applied; when not (or no answer), warns once.</summary>
    private async Task<bool> IsCurrentAsync(bool warn, CancellationToken cancellationToken)
    {
        try
        {
            if (await schema.IsReadyAsync(cancellationToken))
            {
                return true;
            }

            if (warn)
            {
                LogWaiting(logger, null);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (warn)
            {
                LogWaiting(logger, ex);
            }
        }

        return false;
    }

    private async Task ReadyAsync(CancellationToken cancellationToken)
    {
        LogCurrent(logger);
        try
        {
            var retired = await RetiredAccounts.RetireAsync(connections, accounts.Select(a => a.Name).ToList(),
                time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
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

        await gated.StartAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Account {Account} is no longer configured: its open incidents are closed and it leaves the current "
            + "status; its history stays")]
    private static partial void LogRetired(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Closing the incidents of accounts no longer configured failed; it is tried again at the next start")]
    private static partial void LogRetireFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date")]
    private static partial void LogCurrent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The database schema is not current: the Prober waits and probes nothing until the migrations are applied. "
        + "Run the migrate step with the Prober's configuration: AmoHealth.Migrator (systemd runs it as the "
        + "amohealth-migrate unit; by hand: "
        + "sudo systemctl start amohealth-migrate, or dotnet run --project src/AmoHealth.Migrator)")]
    private static partial void LogWaiting(ILogger logger, Exception? exception);
}
