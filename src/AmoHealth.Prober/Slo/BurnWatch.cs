using AmoHealth.Core.Alerting;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Prober.Alerting;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Slo;

/// <summary>Multi-window burn-rate alerts (<see cref="BurnRules"/>), once a minute on the cluster lease's holder, under
/// its fence: from the rollups, every account's check and rule; a rule opens a <c>slo_alerts</c> row when both its
/// windows burn at least its factor and closes it when either burns less. A page rule's opening sends 🔥 and its
/// closing ✅ through the outbox (so silences and maintenance hold them as they hold incidents' alerts); the ticket
/// rule sends nothing, the daily summary lists it. An open incident of the check does not hold the 🔥 back: the
/// budget is a different question (how much of the promise is left), so the 🔥 says the incident is open
/// instead.</summary>
public sealed partial class BurnWatch(
    StoreConnections connections,
    AlertOutbox alerts,
    IOptions<SloOptions> slo,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<BurnWatch> logger,
    Cluster.IOwnership? ownership = null) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    private readonly Cluster.IOwnership _ownership = ownership ?? new Cluster.SoleOwnership();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One look, on the cluster lease's holder only; returns whether it looked.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var options = slo.Value;
        if (!options.BurnAlerts || !_ownership.TryLead(out var fence))
        {
            return false;
        }

        var now = time.GetUtcNow();
        List<TimeSpan> windows = [.. BurnRules.Windows, TimeSpan.FromDays(options.WindowDays)];
        IReadOnlyDictionary<(string Account, string CheckType), MinuteTally[]> tallies;
        // Read before the write transaction: the lease row is held only for the writes, never through a month of
        // rollups.
        await using (var read = await connections.OpenAsync(cancellationToken))
        {
            tallies = await SloTallies.ReadAsync(read, now, windows, null, storage.Value.Retention, cancellationToken);
        }

        await using var session = await connections.BeginAsync(cancellationToken);
        if (!await _ownership.LeadsAsync(session, fence, cancellationToken))
        {
            return false;
        }

        var open = await BurnRows.OpenAsync(session, cancellationToken);
        var checks = tallies.Keys.Union(open.Keys.Select(k => (k.Account, k.CheckType))).ToList();
        foreach (var (account, check) in checks)
        {
            var tally = tallies.GetValueOrDefault((account, check)) ?? new MinuteTally[windows.Count];
            var objective = options.For(account, check);
            var rates = BurnRules.All.Select(rule => (Rule: rule,
                Long: objective.BurnRate(tally[windows.IndexOf(rule.Long)]),
                Short: objective.BurnRate(tally[windows.IndexOf(rule.Short)]))).ToList();
            // One 🔥 and one ✅ per check and episode: a second page rule firing during it opens silently, and
            // the ✅ goes once no page rule burns any more.
            var paging = rates.Any(r => r.Rule.Severity == BurnRules.Page && Fires(r.Rule, r.Long, r.Short));
            var announced = await BurnRows.AnnouncedSinceAsync(session, account, check, cancellationToken);
            foreach (var (rule, longBurn, shortBurn) in rates)
            {
                var fires = Fires(rule, longBurn, shortBurn);
                var alert = open.GetValueOrDefault((account, check, rule.Name));
                if (fires && alert is null)
                {
                    var announce = rule.Severity == BurnRules.Page && announced is null;
                    if (await OpenAsync(session, objective, rule, longBurn, shortBurn,
                        objective.Budget(tally[^1]), announce, now, cancellationToken))
                    {
                        announced = now.ToUnixTimeMilliseconds();
                    }
                }
                else if (!fires && alert is not null)
                {
                    var clear = !paging && announced is not null && alert.Severity == BurnRules.Page;
                    await CloseAsync(session, alert, rule, clear ? announced : null, now, cancellationToken);
                    announced = clear ? null : announced;
                }
            }
        }

        await session.CommitAsync(cancellationToken);
        return true;
    }

    private static bool Fires(BurnRule rule, double longBurn, double shortBurn) =>
        longBurn >= rule.Factor && shortBurn >= rule.Factor;

    /// <summary>Opens the alert; posts its 🔥 when <paramref name="announce"/> and the check has no open incident
    /// (whose 🔴 already pages). True when a 🔥 was posted.</summary>
    private async Task<bool> OpenAsync(StoreSession session, SloObjective objective, BurnRule rule, double longBurn,
        double shortBurn, ErrorBudget budget, bool announce, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new BurnAlertRecord
        {
            Account = objective.Account, CheckType = objective.CheckType, Rule = rule.Name, Severity = rule.Severity,
            Target = objective.Target, LongBurn = longBurn, ShortBurn = shortBurn,
            OpenedAt = now.ToUnixTimeMilliseconds(),
        };
        if (await BurnRows.TryOpenAsync(session, row, cancellationToken) is not { } id)
        {
            return false;
        }

        LogOpened(logger, id, objective.Account, objective.CheckType, rule.Name, longBurn, shortBurn);
        if (!announce || await BurnRows.IncidentOpenAsync(session, objective.Account, objective.CheckType,
            cancellationToken))
        {
            return false;
        }

        // The outbox row's created_at is the alert's opened_at: the 🔥 post's button finds its alert by it.
        await alerts.RaiseAsync(session,
            new BurnStarted(objective, rule, longBurn, shortBurn, budget, false, now), now, cancellationToken);
        return true;
    }

    /// <summary>Closes the alert; posts the ✅ of the episode announced at <paramref name="announced"/> when
    /// set.</summary>
    private async Task CloseAsync(StoreSession session, BurnAlertRecord alert, BurnRule rule, long? announced,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (closed, by) = await BurnRows.CloseAsync(session, alert.Id, now, cancellationToken);
        if (!closed)
        {
            return;
        }

        LogClosed(logger, alert.Id, alert.Account, alert.CheckType, alert.Rule);
        if (announced is { } since)
        {
            await alerts.RaiseAsync(session, new BurnCleared(alert.Account, alert.CheckType, rule,
                DateTimeOffset.FromUnixTimeMilliseconds(since), now, by), now, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Burn alert {Id} opened: {Account} {CheckType} rule {Rule} "
        + "burns {LongBurn:0.#}x (long) and {ShortBurn:0.#}x (short)")]
    private static partial void LogOpened(ILogger logger, long id, string account, string checkType, string rule,
        double longBurn, double shortBurn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Burn alert {Id} closed: {Account} {CheckType} rule {Rule}")]
    private static partial void LogClosed(ILogger logger, long id, string account, string checkType, string rule);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking at the error budgets' burn rates failed this round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
