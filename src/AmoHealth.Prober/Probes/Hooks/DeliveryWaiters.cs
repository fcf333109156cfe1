using System.Collections.Concurrent;

namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// Checks waiting for a webhook, by account. A waiter is registered before the write that triggers the
/// delivery, because amoCRM can deliver before the write's own response arrives. A delivery is matched only
/// against the waiters of the account its URL names (<c>?account=</c>), so posts to a leaked secret for any other
/// name cost a dictionary lookup; and an account holds at most <see cref="MaxPendingPerAccount"/> waiters (a
/// check holds one or two), so nothing can make the list grow without bound.
/// </summary>
public sealed partial class DeliveryWaiters(ILogger<DeliveryWaiters> logger)
{
    /// <summary>HOOK waits for one delivery, DP for up to two outstanding moves plus the one it measures.</summary>
    public const int MaxPendingPerAccount = 16;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, Waiter>> _byAccount =
        new(StringComparer.Ordinal);
    private long _nextId;

    public int Count => _byAccount.Values.Sum(w => w.Count);

    public Waiter Register(string account, Func<Delivery, bool> match)
    {
        var pending = _byAccount.GetOrAdd(account, _ => new ConcurrentDictionary<long, Waiter>());
        var waiter = new Waiter(this, account, Interlocked.Increment(ref _nextId), match);
        pending[waiter.Id] = waiter;
        while (pending.Count > MaxPendingPerAccount)
        {
            // Only a waiter left undisposed by a fault gets here: drop the oldest rather than grow.
            if (pending.TryRemove(pending.Keys.Min(), out _))
            {
                LogEvicted(logger, account, MaxPendingPerAccount);
            }
        }

        return waiter;
    }

    /// <summary>Completes every waiter of the delivery's account that it matches; returns how many.</summary>
    public int Deliver(Delivery delivery)
    {
        if (delivery.Account is null || !_byAccount.TryGetValue(delivery.Account, out var pending))
        {
            return 0;
        }

        var matched = 0;
        foreach (var waiter in pending.Values)
        {
            if (waiter.Matches(delivery) && waiter.Offer(delivery.ReceivedAt))
            {
                matched++;
            }
        }

        return matched;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Account {Account} had more than {Max} checks waiting for webhooks; the oldest was dropped")]
    private static partial void LogEvicted(ILogger logger, string account, int max);

    /// <summary>
    /// One expected delivery; dispose it when the check is done, arrived or not. It counts only deliveries that
    /// arrived once the write that triggers it was sent (<see cref="CountFrom"/>): one from before names an older
    /// change, or is a replay. Until that time is known (the write's answer can come after the delivery), the
    /// first few matching arrivals are held.
    /// </summary>
    public sealed class Waiter(DeliveryWaiters owner, string account, long id, Func<Delivery, bool> match) : IDisposable
    {
        private const int MaxHeld = 8;
        private readonly TaskCompletionSource<long> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private readonly List<long> _held = [];
        private long? _from;

        public long Id => id;

        /// <summary>Completes with the arrival time (Unix ms) of the first matching delivery that counts.</summary>
        public Task<long> Arrived => _arrived.Task;

        /// <summary>Counts deliveries that arrived at or after <paramref name="sentAt"/> (Unix ms), held ones
        /// included.</summary>
        public void CountFrom(long sentAt)
        {
            lock (_gate)
            {
                _from = sentAt;
                if (_held.Where(at => at >= sentAt).Order().FirstOrDefault(-1) is var first and >= 0)
                {
                    _arrived.TrySetResult(first);
                }

                _held.Clear();
            }
        }

        internal bool Matches(Delivery delivery) => match(delivery);

        /// <summary>Takes a matching delivery's arrival: completes, holds it, or (too early) ignores it.</summary>
        internal bool Offer(long receivedAt)
        {
            lock (_gate)
            {
                if (_from is { } from)
                {
                    return receivedAt >= from && _arrived.TrySetResult(receivedAt);
                }

                if (_held.Count < MaxHeld)
                {
                    _held.Add(receivedAt);
                }

                return true;
            }
        }

        public void Dispose()
        {
            if (owner._byAccount.TryGetValue(account, out var pending))
            {
                pending.TryRemove(id, out _);
            }
        }
    }
}
