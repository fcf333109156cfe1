using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Cluster;

/// <summary>What this Prober may do now: which accounts it probes (and under which fence) and whether it runs the
/// cluster-wide work (alert delivery, reminders, token warnings, the daily summary, retention). One Prober on SQLite
/// owns everything (<see cref="SoleOwnership"/>); on PostgreSQL leases decide (<see cref="LeaseOwnership"/>).</summary>
public interface IOwnership
{
    /// <summary>Whether this Prober may probe the account now; <paramref name="fence"/> goes with the result.</summary>
    bool TryOwn(string account, out long fence);

    /// <summary>Whether this Prober runs the cluster-wide work now.</summary>
    bool IsLeader { get; }

    /// <summary>Whether this Prober holds the cluster lease now, on its local deadline (monotonic clock), and under
    /// which fence: cluster-wide writes carry it and a send is never started once it has lapsed.</summary>
    bool TryLead(out long fence);

    /// <summary>Inside a transaction: whether the cluster lease is still this Prober's under <paramref name="fence"/>.
    /// The lease row stays locked until the transaction ends, so it does not change hands in between.</summary>
    Task<bool> LeadsAsync(StoreSession session, long fence, CancellationToken cancellationToken);

    /// <summary>Inside the writer's transaction: the fence under which this Prober holds each of the accounts, leaving
    /// out those it no longer holds. A result is written only when its fence is the one returned. The lease rows stay
    /// locked until the transaction ends, so no other Prober takes one over in between.</summary>
    Task<IReadOnlyDictionary<string,
        long>> HeldAsync(StoreSession session, IReadOnlyCollection<string> accounts,
        CancellationToken cancellationToken);

    /// <summary>A probe of the account begins (or ends): an account is handed over only between probes.</summary>
    void Enter(string account);

    void Exit(string account);

    /// <summary>Accounts just taken over whose last probe is older than an interval: started at once.</summary>
    System.Threading.Channels.ChannelReader<string> Overdue { get; }
}
