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

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, Waiter>> _byAccount = new(StringComparer.Ordinal);
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
            if (waiter.Matches(delivery) && waiter.Complete(delivery.ReceivedAt))
            {
                matched++;
            }
        }

        return matched;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account} had more than {Max} checks waiting for webhooks; the oldest was dropped")]
    private static partial void LogEvicted(ILogger logger, string account, int max);

    /// <summary>One expected delivery; dispose it when the check is done, arrived or not.</summary>
    public sealed class Waiter(DeliveryWaiters owner, string account, long id, Func<Delivery, bool> match) : IDisposable
    {
        private readonly TaskCompletionSource<long> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Id => id;

        /// <summary>Completes with the arrival time (Unix ms) of the first matching delivery.</summary>
        public Task<long> Arrived => _arrived.Task;

        internal bool Matches(Delivery delivery)
        {
            try
            {
                return match(delivery);
            }
            catch (KeyNotFoundException)
            {
                return false;
            }
        }

        internal bool Complete(long receivedAt) => _arrived.TrySetResult(receivedAt);

        public void Dispose()
        {
            if (owner._byAccount.TryGetValue(account, out var pending))
            {
                pending.TryRemove(id, out _);
            }
        }
    }
}
