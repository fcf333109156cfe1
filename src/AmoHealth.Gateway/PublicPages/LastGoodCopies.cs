namespace AmoHealth.Gateway.PublicPages;

/// <summary>
/// The last good answer per public URL (path and query), in bounded memory: at most <see cref="MaxEntries"/> copies
/// of at most <see cref="MaxBodyBytes"/> each and <see cref="MaxTotalBytes"/> in all; the least recently used copy
/// goes first. A URL a crowd keeps asking for stays; one asked once is the first to make room.
/// </summary>
public sealed class LastGoodCopies
{
    public const int MaxEntries = 256;

    public const int MaxBodyBytes = 256 * 1024;

    public const long MaxTotalBytes = 8L * 1024 * 1024;

    private readonly Dictionary<string, LinkedListNode<(string Key, PublicCopy Copy, long Size)>> _index =
        new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, PublicCopy Copy, long Size)> _recent = new();
    private readonly Lock _lock = new();
    private long _bytes;

    /// <summary>How many copies are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>What the kept copies cost now, as <see cref="PublicCopy.Size"/> counts it.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public PublicCopy? Find(string key)
    {
        lock (_lock)
        {
            if (!_index.TryGetValue(key, out var node))
            {
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Copy;
        }
    }

    /// <summary>Keeps <paramref name="copy"/> for <paramref name="key"/> in place of an older one; a copy larger
    /// than <see cref="MaxBodyBytes"/> is not kept.</summary>
    public void Keep(string key, PublicCopy copy)
    {
        if (copy.Body.Length > MaxBodyBytes)
        {
            return;
        }

        var size = copy.Size(key);
        lock (_lock)
        {
            if (_index.Remove(key, out var old))
            {
                _recent.Remove(old);
                _bytes -= old.Value.Size;
            }

            _index[key] = _recent.AddFirst((key, copy, size));
            _bytes += size;
            while (_index.Count > MaxEntries || _bytes > MaxTotalBytes)
            {
                var last = _recent.Last!;
                _recent.RemoveLast();
                _index.Remove(last.Value.Key);
                _bytes -= last.Value.Size;
            }
        }
    }
}
