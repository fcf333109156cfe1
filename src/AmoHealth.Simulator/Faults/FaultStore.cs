namespace AmoHealth.Simulator.Faults;

/// <summary>Active faults and the sticky account block. Thread-safe; counts are consumed atomically.</summary>
public sealed class FaultStore
{
    private readonly Lock _lock = new();
    private readonly List<(Fault Fault, int? Remaining)> _faults = [];
    private bool _blocked;

    public bool Blocked
    {
        get
        {
            lock (_lock)
            {
                return _blocked;
            }
        }
    }

    public void Add(Fault fault)
    {
        lock (_lock)
        {
            _faults.Add((fault, fault.Count));
        }
    }

    /// <summary>Removes every fault and lifts the block (amoCRM support unblocking the account).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
            _blocked = false;
        }
    }

    public void Block()
    {
        lock (_lock)
        {
            _blocked = true;
        }
    }

    public IReadOnlyList<Fault> Active
    {
        get
        {
            lock (_lock)
            {
                return _faults.Select(f => f.Fault with { Count = f.Remaining }).ToList();
            }
        }
    }

    /// <summary>The faults that apply to one request to <paramref name="endpoint"/>; limited ones are used
    /// up.</summary>
    public IReadOnlyList<Fault> Take(string endpoint)
    {
        lock (_lock)
        {
            var taken = new List<Fault>();
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, remaining) = _faults[i];
                if (!fault.Matches(endpoint))
                {
                    continue;
                }

                taken.Add(fault);
                if (remaining is { } left)
                {
                    if (left <= 1)
                    {
                        _faults.RemoveAt(i--);
                    }
                    else
                    {
                        _faults[i] = (fault, left - 1);
                    }
                }
            }

            return taken;
        }
    }
}
