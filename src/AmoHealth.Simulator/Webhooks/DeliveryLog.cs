using System.Collections.Concurrent;

namespace AmoHealth.Simulator.Webhooks;

/// <summary>Every delivery attempt of account webhooks and DP actions, for tests.</summary>
public sealed class DeliveryLog
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

    /// <param name="Kind"><c>webhook</c> or <c>dp</c>.</param>
    /// <param name="Status">The receiver's status; 0 for a timeout or a connection failure; -1 when a fault suppressed it.</param>
    public sealed record Entry(string Kind, string Destination, string Event, int Attempt, long SentAt, int Status);
}
