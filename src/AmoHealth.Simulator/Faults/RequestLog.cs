using System.Collections.Concurrent;

namespace AmoHealth.Simulator.Faults;

/// <summary>The most recent requests to the fake amoCRM and Mattermost, so tests can count them.</summary>
public sealed class RequestLog
{
    private const int Capacity = 5_000;
    private readonly ConcurrentQueue<Entry> _entries = new();

    public void Add(Entry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<Entry> All => _entries.ToArray();

    public void Clear() => _entries.Clear();

    /// <param name="Time">When the request arrived, Unix milliseconds.</param>
    /// <param name="Status">The status sent, or 0 when the connection was dropped or never answered.</param>
    public sealed record Entry(string Method, string Path, string Endpoint, long Time, int Status);
}
