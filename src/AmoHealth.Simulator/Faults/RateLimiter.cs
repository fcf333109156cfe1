using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Faults;

/// <summary>
/// amoCRM's limits: a sliding one-second window per token and per account. Every 429 is a violation;
/// too many violations block the account (sticky, until the control API clears it).
/// </summary>
public sealed class RateLimiter(IOptions<SimulatorOptions> options, FaultStore faults, TimeProvider time)
{
    private readonly Lock _lock = new();
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _violations = new();

    /// <summary>Counts a request; false when it exceeds a limit (and the violation is recorded).</summary>
    public bool TryAcquire(string? token)
    {
        var limits = options.Value.RateLimit;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var accountOk = Admit("account", limits.PerAccountPerSecond, now);
            var tokenOk = token is null || Admit("token:" + token, limits.PerTokenPerSecond, now);
            if (accountOk && tokenOk)
            {
                return true;
            }

            _violations.Enqueue(now);
            var violationWindow = TimeSpan.FromSeconds(limits.ViolationWindowSeconds);
            while (_violations.Count > 0 && _violations.Peek() <= now - violationWindow)
            {
                _violations.Dequeue();
            }

            if (_violations.Count >= limits.BlockAfterViolations)
            {
                faults.Block();
            }

            return false;
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _windows.Clear();
            _violations.Clear();
        }
    }

    private bool Admit(string key, int perSecond, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var window))
        {
            _windows[key] = window = new Queue<DateTimeOffset>();
        }

        while (window.Count > 0 && window.Peek() <= now - Window)
        {
            window.Dequeue();
        }

        if (window.Count >= perSecond)
        {
            return false;
        }

        window.Enqueue(now);
        return true;
    }
}
