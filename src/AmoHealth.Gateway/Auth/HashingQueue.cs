namespace AmoHealth.Gateway.Auth;

/// <summary>
/// One password check at a time (a 310,000-round PBKDF2 holds a core for a moment), and the next turn goes to
/// the waiting client with the fewest earlier attempts: during a flood the admin's first try from a fresh
/// address is checked next, not after every guess queued before it. At most <c>capacity</c> wait; a newcomer
/// with fewer attempts takes the place of the worst waiter.
/// </summary>
public sealed class HashingQueue(TimeProvider time, int capacity = 32)
{
    private readonly SortedSet<Waiter> _waiting = new(Comparer<Waiter>.Create(
        static (a, b) => a.Attempts != b.Attempts ? a.Attempts.CompareTo(b.Attempts) : a.Arrival.CompareTo(b.Arrival)));

    private readonly Lock _lock = new();
    private long _arrivals;
    private bool _busy;

    /// <summary>
    /// True with the turn (give it back with <see cref="Release"/>); false when the wait ran out or the place was
    /// taken.
    /// </summary>
    public async Task<bool> EnterAsync(int earlierAttempts, TimeSpan wait, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (!_busy)
            {
                _busy = true;
                return true;
            }

            waiter = new Waiter(earlierAttempts, _arrivals++);
            if (_waiting.Count >= capacity)
            {
                var worst = _waiting.Max!;
                if (_waiting.Comparer.Compare(waiter, worst) >= 0)
                {
                    return false;
                }

                _waiting.Remove(worst);
                worst.Turn.TrySetResult(false);
            }

            _waiting.Add(waiter);
        }

        try
        {
            return await waiter.Turn.Task.WaitAsync(wait, time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (_waiting.Remove(waiter))
                {
                    return false;
                }
            }

            // Decided just as the wait ended: a granted turn is taken (the caller releases it).
            return await waiter.Turn.Task;
        }
    }

    /// <summary>Hands the turn to the best waiter, or frees it.</summary>
    public void Release()
    {
        lock (_lock)
        {
            if (_waiting.Min is { } next)
            {
                _waiting.Remove(next);
                next.Turn.TrySetResult(true);
            }
            else
            {
                _busy = false;
            }
        }
    }

    private sealed record Waiter(int Attempts, long Arrival)
    {
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
