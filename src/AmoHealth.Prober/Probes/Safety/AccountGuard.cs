using System.Collections.Concurrent;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Safety;

/// <summary>
/// Keeps one account safe from us: spaces API requests to a budget far under amoCRM's 7/s, stops all API
/// requests after a 429 until the wait amoCRM asked for has passed, and after a 403 block stops probing the
/// API except for one recheck per interval (only amoCRM's support lifts a block; hammering deepens it).
/// Waits are measured on the monotonic clock: a step of the wall clock neither stalls probing nor ends a pause.
/// </summary>
public sealed class AccountGuard(TimeProvider time, GuardSettings settings)
{
    private readonly Lock _lock = new();
    private readonly long _origin = time.GetTimestamp();
    private TimeSpan _nextSlot = TimeSpan.Zero;
    private TimeSpan? _pausedUntil;
    private TimeSpan? _blockedRecheckAt;

    public bool Blocked
    {
        get
        {
            lock (_lock)
            {
                return _blockedRecheckAt is not null;
            }
        }
    }

    /// <summary>Whether an API request may be sent now, and after what wait; or why not.</summary>
    public Admission Admit()
    {
        var now = Now();
        lock (_lock)
        {
            if (_blockedRecheckAt is { } recheck)
            {
                if (now < recheck)
                {
                    var at = WallClockIn(recheck - now);
                    return Admission.Deny(Outcome.Blocked,
                        $"Not probing: amoCRM blocked the account (HTTP 403); next check at {at:HH:mm:ss} UTC", at);
                }

                _blockedRecheckAt = now + settings.BlockedRecheck;
            }

            if (_pausedUntil is { } until && now < until)
            {
                var at = WallClockIn(until - now);
                return Admission.Deny(Outcome.Throttled,
                    $"Not probing: backing off after HTTP 429 until {at:HH:mm:ss} UTC", at);
            }

            var slot = _nextSlot > now ? _nextSlot : now;
            _nextSlot = slot + settings.Spacing;
            return Admission.After(slot - now);
        }
    }

    /// <summary>Learns from an API answer: a 429 pauses, a 403 blocks, a correct answer lifts a block.</summary>
    public void Record(Outcome outcome, TimeSpan? retryAfter)
    {
        var now = Now();
        lock (_lock)
        {
            switch (outcome)
            {
                case Outcome.Throttled:
                    var wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : settings.DefaultRetryAfter;
                    _pausedUntil = now + wait;
                    break;
                case Outcome.Blocked:
                    _blockedRecheckAt = now + settings.BlockedRecheck;
                    break;
                case var correct when correct.IsSuccess():
                    _blockedRecheckAt = null;
                    break;
            }
        }
    }

    /// <summary>Monotonic time since this guard was made.</summary>
    private TimeSpan Now() => time.GetElapsedTime(_origin);

    /// <summary>The wall-clock time <paramref name="left"/> from now, only for people to read.</summary>
    private DateTimeOffset WallClockIn(TimeSpan left) => time.GetUtcNow() + left;

    /// <param name="Until">When denied: when the next request may go (the 429 pause's end, the block's
    /// recheck).</param>
    public readonly record struct Admission(TimeSpan Wait, Outcome? DeniedAs, string? Reason,
        DateTimeOffset? Until = null)
    {
        public bool Allowed => DeniedAs is null;

        public static Admission After(TimeSpan wait) => new(wait, null, null);

        public static Admission Deny(Outcome outcome, string reason, DateTimeOffset until) => new(TimeSpan.Zero,
            outcome, reason, until);
    }

    /// <summary>One guard per account, shared by every probe of that account.</summary>
    public sealed class Registry(TimeProvider time, IOptions<MonitorOptions> options)
    {
        private readonly ConcurrentDictionary<string, AccountGuard> _guards = new(StringComparer.Ordinal);

        public AccountGuard For(string account) => _guards.GetOrAdd(account, _ =>
        {
            var o = options.Value;
            return new AccountGuard(time, new GuardSettings(
                TimeSpan.FromSeconds(1.0 / o.MaxRequestsPerSecond),
                TimeSpan.FromSeconds(o.DefaultRetryAfterSeconds),
                TimeSpan.FromMinutes(o.BlockedRecheckMinutes)));
        });
    }
}
