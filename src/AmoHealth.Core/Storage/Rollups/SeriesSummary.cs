namespace AmoHealth.Core.Storage.Rollups;

/// <summary>The merged rollups of one account's check over a window.</summary>
public sealed class SeriesSummary(string account, string checkType)
{
    public string Account { get; } = account;

    public string CheckType { get; } = checkType;

    public int Count { get; private set; }

    public int UpCount { get; private set; }

    public int TimedCount { get; private set; }

    public long SumMs { get; private set; }

    public int? MinMs { get; private set; }

    public int? MaxMs { get; private set; }

    /// <summary>The window's minutes by class: uptime by time and error budgets come from these.</summary>
    public MinuteTally Minutes { get; private set; }

    /// <summary>Rollup histograms kept unmerged at most: a long window folds them in as it goes, so memory stays
    /// flat.</summary>
    public const int MaxUnmerged = 16;

    private readonly LatencyHistogram _histogram = new();
    private readonly List<byte[]> _unmerged = [];

    /// <summary>The merged histogram (rollup histograms are merged only when a percentile needs them).</summary>
    public LatencyHistogram Histogram
    {
        get
        {
            Fold();
            return _histogram;
        }
    }

    public int? Average => TimedCount == 0 ? null : (int)Math.Round((double)SumMs / TimedCount);

    /// <summary>A nearest-rank percentile: exact when its rank is the first or last (then it is the exact min or max,
    /// as p95 of fewer than 20 results is), else from the histogram (within 1 %), kept inside min and max.</summary>
    public int? Percentile(double p)
    {
        if (TimedCount == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(p / 100.0 * TimedCount));
        if (rank >= TimedCount)
        {
            return MaxMs;
        }

        if (rank == 1)
        {
            return MinMs;
        }

        return Histogram.Percentile(p) is { } value ? Math.Clamp(value, MinMs ?? value, MaxMs ?? value) : null;
    }

    /// <summary>Adds one raw result.</summary>
    public void Add(bool up, int? responseTimeMs)
    {
        Count++;
        UpCount += up ? 1 : 0;
        if (responseTimeMs is not { } ms)
        {
            return;
        }

        TimedCount++;
        SumMs += ms;
        MinMs = Min(MinMs, ms);
        MaxMs = Max(MaxMs, ms);
        _histogram.Add(ms);
    }

    public void Merge(RollupRow rollup)
    {
        Count += rollup.Count;
        UpCount += rollup.UpCount;
        TimedCount += rollup.TimedCount;
        SumMs += rollup.SumMs;
        MinMs = Min(MinMs, rollup.MinMs);
        MaxMs = Max(MaxMs, rollup.MaxMs);
        Minutes += rollup.Minutes;
        _unmerged.Add(rollup.Histogram);
        if (_unmerged.Count >= MaxUnmerged)
        {
            Fold();
        }
    }

    private void Fold()
    {
        foreach (var bytes in _unmerged)
        {
            _histogram.Merge(bytes);
        }

        _unmerged.Clear();
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
