using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>Which maintenance window covers an account at a moment: the files' windows and the page's (the
/// <c>maintenance_windows</c> rows, read at most every <see cref="Fresh"/> and at once after a change made here), so
/// the writer can mark every result without a query per result.</summary>
public sealed partial class MaintenanceCalendar(
    IConfiguration configuration, TimeProvider time, ILogger<MaintenanceCalendar> logger)
{
    /// <summary>How long the page's windows are used before they are read again (another Prober's changes).</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private const string Planned =
        MaintenanceRows.Select + " WHERE deleted_at IS NULL AND (weekday IS NOT NULL OR ends_at > @now)";

    private readonly IReadOnlyList<ConfiguredWindow> _files = ConfiguredWindow.From(configuration);
    private volatile Loaded? _loaded;
    private int _generation;

    /// <summary>Forgets the page's windows read so far: the next question reads them again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _loaded = null;
    }

    /// <summary>The window covering <paramref name="account"/> at <paramref name="at"/> (the one ending last, when
    /// several do), as a <see cref="Quiet"/> without a silence; null when none does.</summary>
    public async Task<Quiet?> CoveringAsync(StoreSession session, string account, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        Quiet? found = null;
        foreach (var file in _files)
        {
            if ((file.Account is null || file.Account == account) && at >= file.Start && at < file.End
                && (found is null || file.End > found.Until))
            {
                found = new Quiet(null, file.End, "maintenance (configuration)");
            }
        }

        foreach (var planned in await PlannedAsync(session, cancellationToken))
        {
            if ((planned.Account is null || planned.Account == account) && Covering(planned, at) is { } window
                && (found is null || window.End > found.Until))
            {
                found = new Quiet(null, window.End, planned.Reason);
            }
        }

        return found;
    }

    private MaintenanceSchedule.Window? Covering(MaintenanceRecord planned, DateTimeOffset at)
    {
        try
        {
            return MaintenanceSchedule.Covering(planned, at);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or FormatException)
        {
            // A row this version cannot read never stops the writer or the dispatcher.
            LogUnreadable(logger, ex, planned.Id);
            return null;
        }
    }

    private async Task<IReadOnlyList<MaintenanceRecord>> PlannedAsync(StoreSession session,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_loaded is { } loaded && now - loaded.At < Fresh && now >= loaded.At)
        {
            return loaded.Windows;
        }

        // A read that overlaps a change made here is used once, never kept.
        var generation = Volatile.Read(ref _generation);
        List<MaintenanceRecord> windows;
        await using (var command = session.Command(Planned).With("@now", now.ToUnixTimeMilliseconds()))
        {
            windows = await MaintenanceRows.ReadAsync(command, cancellationToken);
        }

        if (generation == Volatile.Read(ref _generation))
        {
            _loaded = new Loaded(now, windows);
        }

        return windows;
    }

    private sealed record Loaded(DateTimeOffset At, IReadOnlyList<MaintenanceRecord> Windows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance window {Id} cannot be read (its zone or time); "
        + "it is ignored")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, long id);
}
