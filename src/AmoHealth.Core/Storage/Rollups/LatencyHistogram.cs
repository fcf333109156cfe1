namespace AmoHealth.Core.Storage.Rollups;

/// <summary>A mergeable latency histogram with logarithmic buckets: bucket <c>i</c> holds values in (γ^(i-1), γ^i] with
/// γ = 1.02, so any percentile read from it is within 1 % of the true value, and two histograms merge by adding counts.
/// Values are whole milliseconds; 0 has its own bucket. Stored as a small blob of (index delta, count) varint pairs: a
/// minute with two results takes about 6 bytes.</summary>
public sealed class LatencyHistogram
{
    public const double Gamma = 1.02;

    /// <summary>The largest relative error of a percentile: (γ − 1) / (γ + 1).</summary>
    public const double RelativeAccuracy = (Gamma - 1) / (Gamma + 1);

    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly Dictionary<int, long> _counts = [];
    private int[]? _sortedKeys;

    public long Count { get; private set; }

    public void Add(int valueMs) => Add(IndexOf(valueMs), 1);

    public void Merge(LatencyHistogram other)
    {
        foreach (var (index, count) in other._counts)
        {
            Add(index, count);
        }
    }

    /// <summary>Merges a stored histogram straight from its bytes (no intermediate object).</summary>
    public void Merge(ReadOnlySpan<byte> bytes)
    {
        var index = 0;
        var position = 0;
        while (position < bytes.Length)
        {
            index += (int)ReadVarint(bytes, ref position);
            Add(index, (long)ReadVarint(bytes, ref position));
        }
    }

    /// <summary>Nearest-rank percentile (0 &lt; p ≤ 100), or null when empty.</summary>
    public int? Percentile(double p)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(p / 100.0 * Count));
        var keys = SortedKeys();
        long seen = 0;
        foreach (var index in keys)
        {
            seen += _counts[index];
            if (seen >= rank)
            {
                return ValueOf(index);
            }
        }

        return ValueOf(keys[^1]);
    }

    public byte[] ToBytes()
    {
        var buffer = new List<byte>(_counts.Count * 3);
        var previous = 0;
        foreach (var index in SortedKeys())
        {
            WriteVarint(buffer, (ulong)(index - previous));
            WriteVarint(buffer, (ulong)_counts[index]);
            previous = index;
        }

        return [.. buffer];
    }

    public static LatencyHistogram FromBytes(ReadOnlySpan<byte> bytes)
    {
        var histogram = new LatencyHistogram();
        histogram.Merge(bytes);
        return histogram;
    }

    internal static int IndexOf(int valueMs) => valueMs <= 0 ? 0 : 1 + (int)Math.Ceiling(Math.Log(valueMs) / LogGamma);

    /// <summary>A bucket's representative value: the point with equal relative distance to both bounds.</summary>
    internal static int ValueOf(int index) =>
        index == 0 ? 0 : (int)Math.Round(2 * Math.Pow(Gamma, index - 1) / (Gamma + 1));

    private void Add(int index, long count)
    {
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, index,
            out var existed) += count;
        if (!existed)
        {
            _sortedKeys = null;
        }

        Count += count;
    }

    private int[] SortedKeys()
    {
        if (_sortedKeys is null)
        {
            _sortedKeys = [.. _counts.Keys];
            Array.Sort(_sortedKeys);
        }

        return _sortedKeys;
    }

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; position < bytes.Length; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("Truncated latency histogram.");
    }
}
