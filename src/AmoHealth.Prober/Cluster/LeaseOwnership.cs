using System.Collections.Concurrent;
using System.Threading.Channels;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Cluster;

/// <summary>PostgreSQL: what this Prober holds, as <see cref="LeaseKeeper"/> last renewed it. A lease counts only until
/// its local deadline (the renewal's start plus the lease time less one renewal period), measured on the monotonic
/// clock: a Prober that was paused past it stops probing until a renewal confirms it still holds the lease, instead of
/// probing an account another Prober has meanwhile taken over.</summary>
public sealed class LeaseOwnership(TimeProvider time) : IOwnership
{
    private readonly ConcurrentDictionary<string, long> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Channel<string> _overdue = Channel.CreateUnbounded<string>();
    private long _validUntil = long.MinValue;
    private long _leaderFence = -1;

    /// <summary>This Prober's name in <c>leases.holder</c>: host, process and a random part.</summary>
    public string Holder { get; } =
        $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    public bool IsLeader => Interlocked.Read(ref _leaderFence) >= 0 && Valid;

    public ChannelReader<string> Overdue => _overdue.Reader;

    /// <summary>The accounts held now, with their fences.</summary>
    public IReadOnlyDictionary<string, long> Held => _held.ToDictionary(StringComparer.Ordinal);

    private bool Valid => time.GetTimestamp() < Interlocked.Read(ref _validUntil);

    public bool TryOwn(string account, out long fence) => _held.TryGetValue(account, out fence) && Valid;

    public bool TryLead(out long fence)
    {
        fence = Interlocked.Read(ref _leaderFence);
        return fence >= 0 && Valid;
    }

    public async Task<bool> LeadsAsync(StoreSession session, long fence, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
            "SELECT 1 FROM leases WHERE name = @name AND holder = @holder AND fence = @fence FOR SHARE")
            .With("@name", LeaseNames.Cluster).With("@holder", Holder).With("@fence", fence);
        return await command.ExecuteScalarAsync(cancellationToken) is not null and not DBNull;
    }

    public async Task<IReadOnlyDictionary<string,
        long>> HeldAsync(StoreSession session, IReadOnlyCollection<string> accounts,
        CancellationToken cancellationToken)
    {
        var names = accounts.Distinct(StringComparer.Ordinal).Select(LeaseNames.Account).ToArray();
        await using var command = session.Command(
            "SELECT name, fence FROM leases WHERE name = ANY(@names) AND holder = @holder FOR SHARE")
            .With("@names", names).With("@holder", Holder);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var held = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            held[LeaseNames.AccountOf(reader.GetString(0))] = reader.GetInt64(1);
        }

        return held;
    }

    public void Enter(string account) => _inFlight.AddOrUpdate(account, 1, (_, n) => n + 1);

    public void Exit(string account) => _inFlight.AddOrUpdate(account, 0, (_, n) => Math.Max(0, n - 1));

    internal bool Busy(string account) => _inFlight.TryGetValue(account, out var n) && n > 0;

    /// <summary>Replaces what is held after a renewal started at <paramref name="renewedAt"/> (monotonic).</summary>
    internal void Renewed(IEnumerable<HeldLease> accounts, long? leaderFence, long renewedAt, TimeSpan lifetime)
    {
        var now = accounts.ToDictionary(l => LeaseNames.AccountOf(l.Name), l => l.Fence, StringComparer.Ordinal);
        foreach (var gone in _held.Keys.Where(k => !now.ContainsKey(k)))
        {
            _held.TryRemove(gone, out _);
        }

        foreach (var (account, fence) in now)
        {
            _held[account] = fence;
        }

        Interlocked.Exchange(ref _leaderFence, leaderFence ?? -1);
        Interlocked.Exchange(ref _validUntil, renewedAt + (long)(lifetime.TotalSeconds * time.TimestampFrequency));
    }

    /// <summary>Stops probing an account at once, before its lease is released in the database.</summary>
    internal void Drop(string account) => _held.TryRemove(account, out _);

    internal void MarkOverdue(string account) => _overdue.Writer.TryWrite(account);

    /// <summary>Nothing is held any more (the keeper stopped or lost the database).</summary>
    internal void Clear()
    {
        _held.Clear();
        Interlocked.Exchange(ref _leaderFence, -1);
        Interlocked.Exchange(ref _validUntil, long.MinValue);
    }
}
