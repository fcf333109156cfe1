namespace AmoHealth.Gateway.Auth;

/// <summary>
/// Sign-in attempts per client key in one-minute windows, for at most <c>capacity</c> keys: a flood from many
/// addresses cannot grow it. When every slot holds a current window the oldest one is dropped (its client starts
/// afresh: a flood wider than the table gains a few attempts, the host keeps its memory).
/// </summary>
public sealed class AttemptTable(int perWindow, TimeProvider time, int capacity = AttemptTable.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, (long Start, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many clients are tracked now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _windows.Count;
            }
        }
    }

    /// <summary>Counts an attempt: the client's earlier attempts in this window, or null when it is over the
    /// limit.</summary>
    public int? TryRecord(string key)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            if (_windows.TryGetValue(key, out var window) && time.GetElapsedTime(window.Start, now) < Window)
            {
                if (window.Count >= perWindow)
                {
                    return null;
                }

                _windows[key] = (window.Start, window.Count + 1);
                return window.Count;
            }

            if (!_windows.ContainsKey(key) && _windows.Count >= capacity)
            {
                MakeRoom(now);
            }

            _windows[key] = (now, 1);
            return 0;
        }
    }

    private void MakeRoom(long now)
    {
        var expired = _windows.Where(pair => time.GetElapsedTime(pair.Value.Start, now) >= Window)
            .Select(pair => pair.Key).ToList();
        if (expired.Count == 0)
        {
            expired.Add(_windows.MinBy(pair => pair.Value.Start).Key);
        }

        foreach (var key in expired)
        {
            _windows.Remove(key);
        }
    }
}
