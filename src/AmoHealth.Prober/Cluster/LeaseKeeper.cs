using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Cluster;

/// <summary>PostgreSQL: shares the accounts out between the Probers that are alive, by leases in <c>leases</c>. Every
/// period (a third of the lease time) it renews its own leases and its member row (with the accounts it is configured
/// with), counts the live members, gives back idle accounts above its fair share and claims free or expired ones up to
/// it (<c>FOR UPDATE SKIP LOCKED</c>, so two Probers never claim the same row), and holds or takes the single
/// <c>cluster</c> lease. Lease time is half an interval (at least 2 s), so a dead Prober's accounts are taken over
/// within that plus a period, and probed at once when their last result is older than an interval.</summary>
public sealed partial class LeaseKeeper(
    StoreConnections connections,
    LeaseOwnership ownership,
    IReadOnlyList<AmoAccount> accounts,
    IOptions<MonitorOptions> options,
    TimeProvider time,
    ILogger<LeaseKeeper> logger) : BackgroundService
{
    public TimeSpan Lifetime => options.Value.Cadence.LeaseLifetime;

    public TimeSpan Period => Lifetime / 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            do
            {
                try
                {
                    await RenewAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // What is held lapses on its own at the local deadline: no probe runs on a lease nobody confirmed.
                    LogRenewFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync hands everything back.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        ownership.Clear();
        try
        {
            // Handed back at once, so the others take over at their next renewal instead of after the lease time.
            await using var session = await connections.ConnectAsync(cancellationToken);
            await LeaseRows.ReleaseAllAsync(session, ownership.Holder, cancellationToken);
            LogReleased(logger, ownership.Holder);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRenewFailed(logger, ex);
        }
    }

    /// <summary>One renewal: heartbeat, renew, rebalance, leader. Public for tests.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var me = ownership.Holder;
        var ttl = Lifetime;
        var names = accounts.Select(a => LeaseNames.Account(a.Name)).ToArray();
        // The member row says which accounts this Prober watches: none of them is retired while it lives.
        var configured = string.Join('\n', accounts.Select(a => a.Name));
        await using var session = await connections.ConnectAsync(cancellationToken);

        await LeaseRows.HeartbeatAsync(session, me, ttl, configured, cancellationToken);
        await LeaseRows.EnsureAsync(session, [.. names, LeaseNames.Cluster], cancellationToken);
        // Accounts no longer configured here are given back.
        await LeaseRows.ReleaseOthersAsync(session, me, names, cancellationToken);
        var held = await LeaseRows.RenewAsync(session, me, ttl, names, cancellationToken);
        var members = await LeaseRows.MembersAsync(session, cancellationToken);
        var share = (names.Length + Math.Max(members, 1) - 1) / Math.Max(members, 1);

        IReadOnlyList<string> overdue = [];
        if (held.Count > share)
        {
            var extra = held.Where(l => !ownership.Busy(LeaseNames.AccountOf(l.Name))).Take(held.Count - share)
                .Select(l => l.Name).ToArray();
            foreach (var name in extra)
            {
                ownership.Drop(LeaseNames.AccountOf(name));
            }

            await LeaseRows.ReleaseAsync(session, me, extra, cancellationToken);
            held.RemoveAll(l => extra.Contains(l.Name));
            LogGaveBack(logger, extra.Length, share, members);
        }
        else if (held.Count < share)
        {
            var claimed = await LeaseRows.ClaimAsync(session, me, ttl, names, share - held.Count, cancellationToken);
            held.AddRange(claimed);
            if (claimed.Count > 0)
            {
                LogClaimed(logger, claimed.Count, share, members);
                overdue = await OverdueAsync(session, claimed, cancellationToken);
            }
        }

        var leader = await LeaseRows.LeadAsync(session, me, ttl, cancellationToken);
        ownership.Renewed(held, leader, started, Lifetime - Period);
        // Only now that they count as held: the scheduler starts them at once.
        foreach (var account in overdue)
        {
            ownership.MarkOverdue(account);
        }
    }

    /// <summary>Accounts taken over whose last stored probe is older than an interval: they are probed at
    /// once.</summary>
    private async Task<IReadOnlyList<string>> OverdueAsync(StoreSession session, List<HeldLease> claimed,
        CancellationToken cancellationToken)
    {
        var taken = claimed.Select(l => LeaseNames.AccountOf(l.Name)).ToArray();
        var since = time.GetUtcNow() - options.Value.CheckInterval;
        var fresh = await LeaseRows.FreshAsync(session, taken, since, cancellationToken);
        return [.. taken.Except(fresh, StringComparer.Ordinal)];
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Renewing the leases failed; probing stops when they lapse unless a renewal succeeds")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Claimed {Count} account(s); fair share {Share} of {Members} Prober(s)")]
    private static partial void LogClaimed(ILogger logger, int count, int share, int members);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Gave back {Count} account(s) to rebalance; fair share {Share} of {Members} Prober(s)")]
    private static partial void LogGaveBack(ILogger logger, int count, int share, int members);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leases of {Holder} handed back")]
    private static partial void LogReleased(ILogger logger, string holder);
}
