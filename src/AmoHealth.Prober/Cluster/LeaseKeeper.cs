using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Cluster;

/// <summary>
/// PostgreSQL: shares the accounts out between the Probers that are alive, by leases in <c>leases</c>. Every
/// period (a third of the lease time) it renews its own leases and its member row (with the accounts it is
/// configured with), counts the live members,
/// gives back idle accounts above its fair share and claims free or expired ones up to it
/// (<c>FOR UPDATE SKIP LOCKED</c>, so two Probers never claim the same row), and holds or takes the single
/// <c>cluster</c> lease. Lease time is half an interval (at least 2 s), so a dead Prober's accounts are taken
/// over within that plus a period, and probed at once when their last result is older than an interval.
/// </summary>
public sealed partial class LeaseKeeper(
    IDbContextFactory<AmoHealthDbContext> contexts,
    LeaseOwnership ownership,
    IReadOnlyList<AmoAccount> accounts,
    IOptions<MonitorOptions> options,
    TimeProvider time,
    ILogger<LeaseKeeper> logger) : BackgroundService
{
    public TimeSpan Lifetime => TimeSpan.FromMilliseconds(Math.Max(options.Value.CheckIntervalMs / 2, 2_000));

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
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE leases SET holder = NULL, expires_at = 0 WHERE holder = {ownership.Holder}", cancellationToken);
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
        var ttl = (long)Lifetime.TotalMilliseconds;
        var names = accounts.Select(a => LeaseNames.Account(a.Name)).ToArray();
        // The member row says which accounts this Prober watches: none of them is retired while it lives.
        var configured = string.Join('\n', accounts.Select(a => a.Name));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sql = db.Database;

        await sql.ExecuteSqlAsync($"""
            INSERT INTO leases (name, holder, fence, expires_at, accounts)
            VALUES ({LeaseNames.MemberPrefix + me}, {me}, 1, (extract(epoch from clock_timestamp()) * 1000)::bigint + {ttl}, {configured})
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at, accounts = excluded.accounts
            """, cancellationToken);
        await sql.ExecuteSqlAsync($"""
            INSERT INTO leases (name, holder, fence, expires_at)
            SELECT n, NULL, 0, 0 FROM unnest({names.Append(LeaseNames.Cluster).ToArray()}) AS n
            ON CONFLICT (name) DO NOTHING
            """, cancellationToken);
        // Accounts no longer configured here are given back.
        await sql.ExecuteSqlAsync($"""
            UPDATE leases SET holder = NULL, expires_at = 0
            WHERE holder = {me} AND name LIKE 'account:%' AND NOT (name = ANY({names}))
            """, cancellationToken);
        var held = await sql.SqlQuery<HeldLease>($"""
            UPDATE leases SET expires_at = (extract(epoch from clock_timestamp()) * 1000)::bigint + {ttl}
            WHERE holder = {me} AND name = ANY({names})
            RETURNING name AS "Name", fence AS "Fence"
            """).ToListAsync(cancellationToken);
        var members = await sql.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM leases
            WHERE name LIKE 'member:%' AND expires_at > (extract(epoch from clock_timestamp()) * 1000)::bigint
            """).SingleAsync(cancellationToken);
        var share = (names.Length + Math.Max(members, 1) - 1) / Math.Max(members, 1);

        IReadOnlyList<string> overdue = [];
        if (held.Count > share)
        {
            var extra = held.Where(l => !ownership.Busy(LeaseNames.AccountOf(l.Name))).Take(held.Count - share).Select(l => l.Name).ToArray();
            foreach (var name in extra)
            {
                ownership.Drop(LeaseNames.AccountOf(name));
            }

            await sql.ExecuteSqlAsync($"UPDATE leases SET holder = NULL, expires_at = 0 WHERE holder = {me} AND name = ANY({extra})", cancellationToken);
            held.RemoveAll(l => extra.Contains(l.Name));
            LogGaveBack(logger, extra.Length, share, members);
        }
        else if (held.Count < share)
        {
            var claimed = await sql.SqlQuery<HeldLease>($"""
                UPDATE leases AS l SET holder = {me}, fence = l.fence + 1,
                    expires_at = (extract(epoch from clock_timestamp()) * 1000)::bigint + {ttl}
                FROM (SELECT name FROM leases
                      WHERE name = ANY({names})
                        AND (holder IS NULL OR expires_at < (extract(epoch from clock_timestamp()) * 1000)::bigint)
                      ORDER BY random() LIMIT {share - held.Count}
                      FOR UPDATE SKIP LOCKED) AS free
                WHERE l.name = free.name
                RETURNING l.name AS "Name", l.fence AS "Fence"
                """).ToListAsync(cancellationToken);
            held.AddRange(claimed);
            if (claimed.Count > 0)
            {
                LogClaimed(logger, claimed.Count, share, members);
                overdue = await OverdueAsync(db, claimed, cancellationToken);
            }
        }

        var leader = await sql.SqlQuery<long>($"""
            UPDATE leases SET holder = {me},
                fence = CASE WHEN holder = {me} THEN fence ELSE fence + 1 END,
                expires_at = (extract(epoch from clock_timestamp()) * 1000)::bigint + {ttl}
            WHERE name = {LeaseNames.Cluster}
              AND (holder = {me} OR holder IS NULL OR expires_at < (extract(epoch from clock_timestamp()) * 1000)::bigint)
            RETURNING fence AS "Value"
            """).ToListAsync(cancellationToken);
        ownership.Renewed(held, leader.Count > 0 ? leader[0] : null, started, Lifetime - Period);
        // Only now that they count as held: the scheduler starts them at once.
        foreach (var account in overdue)
        {
            ownership.MarkOverdue(account);
        }
    }

    /// <summary>Accounts taken over whose last stored probe is older than an interval: they are probed at once.</summary>
    private async Task<IReadOnlyList<string>> OverdueAsync(AmoHealthDbContext db, List<HeldLease> claimed, CancellationToken cancellationToken)
    {
        var taken = claimed.Select(l => LeaseNames.AccountOf(l.Name)).ToList();
        var since = time.GetUtcNow().ToUnixTimeMilliseconds() - options.Value.CheckIntervalMs;
        var fresh = await db.CheckStatuses.Where(s => taken.Contains(s.Account))
            .GroupBy(s => s.Account)
            .Where(g => g.Min(s => s.LastCheck) >= since)
            .Select(g => g.Key)
            .ToListAsync(cancellationToken);
        return [.. taken.Except(fresh, StringComparer.Ordinal)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the leases failed; probing stops when they lapse unless a renewal succeeds")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed {Count} account(s); fair share {Share} of {Members} Prober(s)")]
    private static partial void LogClaimed(ILogger logger, int count, int share, int members);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave back {Count} account(s) to rebalance; fair share {Share} of {Members} Prober(s)")]
    private static partial void LogGaveBack(ILogger logger, int count, int share, int members);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leases of {Holder} handed back")]
    private static partial void LogReleased(ILogger logger, string holder);
}
