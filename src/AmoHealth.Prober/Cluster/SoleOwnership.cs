using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Cluster;

/// <summary>SQLite: one Prober, which owns every account and every cluster-wide task.</summary>
public sealed class SoleOwnership : IOwnership
{
    private readonly System.Threading.Channels.Channel<string> _never =
        System.Threading.Channels.Channel.CreateUnbounded<string>();

    public bool IsLeader => true;

    public System.Threading.Channels.ChannelReader<string> Overdue => _never.Reader;

    public bool TryLead(out long fence)
    {
        fence = 0;
        return true;
    }

    public Task<bool> LeadsAsync(StoreSession session, long fence, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public bool TryOwn(string account, out long fence)
    {
        fence = 0;
        return true;
    }

    public Task<IReadOnlyDictionary<string,
        long>> HeldAsync(StoreSession session, IReadOnlyCollection<string> accounts,
        CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string,
            long>>(accounts.Distinct(StringComparer.Ordinal).ToDictionary(a => a, _ => 0L, StringComparer.Ordinal));

    public void Enter(string account)
    {
    }

    public void Exit(string account)
    {
    }
}
