using System.Collections.Concurrent;

namespace AmoHealth.Simulator.Faults;

/// <summary>The most recent entries of something the simulator saw, oldest dropped first.</summary>
public class BoundedLog<T>
{
    private const int Capacity = 5_000;
    private readonly ConcurrentQueue<T> _entries = new();

    public void Add(T entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<T> All => _entries.ToArray();

    public void Clear() => _entries.Clear();
}
