using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A fake clock that shows its armed timers. A test waits until the code is parked on the timer it expects,
/// advances short of it and sees that no timer came due: "nothing happened" is then a fact, not a sleep.
/// </summary>
public sealed class TimerClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentDictionary<WatchedTimer, byte> _timers = new();
    private int _fired;

    /// <summary>How many timer callbacks have run: an advance runs those that come due before it returns.</summary>
    public int Fired => Volatile.Read(ref _fired);

    /// <summary>When each armed timer fires next, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> Armed =>
        [.. _timers.Keys.Select(t => t.Due).OfType<DateTimeOffset>().Order()];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this, callback, period);
        _timers[timer] = 0;
        timer.Start(state, dueTime);
        return timer;
    }

    /// <summary>Waits until a timer is armed to fire exactly <paramref name="dueIn"/> from now.</summary>
    public Task ParkedAsync(TimeSpan dueIn, TimeSpan timeout, string what) =>
        Eventually.TrueAsync(() => Armed.Contains(GetUtcNow() + dueIn), timeout, what);

    private ITimer CreateInner(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(callback, state, dueTime, period);

    private sealed class WatchedTimer(TimerClock clock, TimerCallback callback, TimeSpan period) : ITimer
    {
        private readonly Lock _lock = new();
        private ITimer? _inner;
        private TimeSpan _period = period;
        private DateTimeOffset? _due;

        public DateTimeOffset? Due
        {
            get
            {
                lock (_lock)
                {
                    return _due;
                }
            }
        }

        public void Start(object? state, TimeSpan dueTime)
        {
            Arm(dueTime, _period);
            _inner = clock.CreateInner(Fire, state, dueTime, _period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return _inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            Disarm();
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Disarm();
            return _inner?.DisposeAsync() ?? ValueTask.CompletedTask;
        }

        private void Fire(object? state)
        {
            // The fake clock stands at this timer's due time while it runs the callback.
            lock (_lock)
            {
                _due = IsPeriodic(_period) ? clock.GetUtcNow() + _period : null;
            }

            Interlocked.Increment(ref clock._fired);
            callback(state);
        }

        private void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                _period = period;
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            }
        }

        private void Disarm()
        {
            lock (_lock)
            {
                _due = null;
            }

            clock._timers.TryRemove(this, out _);
        }

        private static bool IsPeriodic(TimeSpan period) =>
            period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
    }
}
