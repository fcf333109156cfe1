using System.Collections.Concurrent;

namespace AmoHealth.Prober.Hooks;

/// <summary>
/// Checks waiting for a webhook. A waiter is registered before the write that triggers the delivery,
/// because amoCRM can deliver before the write's own response arrives.
/// </summary>
public sealed class DeliveryWaiters
{
    private readonly ConcurrentDictionary<long, Waiter> _waiters = new();
    private long _nextId;

    public int Count => _waiters.Count;

    public Waiter Register(Func<Delivery, bool> match)
    {
        var waiter = new Waiter(this, Interlocked.Increment(ref _nextId), match);
        _waiters[waiter.Id] = waiter;
        return waiter;
    }

    /// <summary>Completes every waiter the delivery matches; returns how many.</summary>
    public int Deliver(Delivery delivery)
    {
        var matched = 0;
        foreach (var waiter in _waiters.Values)
        {
            if (waiter.Matches(delivery) && waiter.Complete(delivery.ReceivedAt))
            {
                matched++;
            }
        }

        return matched;
    }

    /// <summary>One expected delivery; dispose it when the check is done, arrived or not.</summary>
    public sealed class Waiter(DeliveryWaiters owner, long id, Func<Delivery, bool> match) : IDisposable
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

        public void Dispose() => owner._waiters.TryRemove(id, out _);
    }
}
