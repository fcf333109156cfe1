namespace AmoHealth.Core.Storage.Rollups;

/// <summary>The results of one account's check within one bucket (tables <c>rollup_minute</c>, <c>rollup_hour</c>,
/// <c>rollup_day</c>): counts, response-time sum/min/max and a <see cref="LatencyHistogram"/>, all mergeable, so any
/// window's uptime and percentiles come from a few rows instead of raw results.
/// <see cref="FirstId"/>/<see cref="LastId"/> bound the raw rows' ids, which are in write order, so raw results are
/// found by id range without a second index on <c>health_checks</c>.</summary>
public abstract class RollupRecord
{
    public required string Account { get; set; }

    public required string CheckType { get; set; }

    /// <summary>Bucket start, Unix milliseconds, a multiple of the resolution.</summary>
    public long Bucket { get; set; }

    public int Count { get; set; }

    public int UpCount { get; set; }

    /// <summary>How many results had a response time (the histogram's count).</summary>
    public int TimedCount { get; set; }

    public long SumMs { get; set; }

    public int? MinMs { get; set; }

    public int? MaxMs { get; set; }

    public long FirstId { get; set; }

    public long LastId { get; set; }

    public byte[] Histogram { get; set; } = [];

    /// <summary>Minutes in the bucket whose worst result is an amoCRM verdict of up or degraded (see
    /// <see cref="MinuteClass"/>): at the minute level 0 or 1, above it the sum of its minutes.</summary>
    public int GoodMinutes { get; set; }

    /// <summary>Minutes with at least one <c>down</c> verdict outside maintenance: the minutes that spend an error
    /// budget.</summary>
    public int BadMinutes { get; set; }

    /// <summary>Minutes with results but no amoCRM verdict (429, 403, 401, an unpaid account, our own fault): counted
    /// neither way.</summary>
    public int ExcludedMinutes { get; set; }

    /// <summary>Minutes with a result recorded inside a maintenance window: shown apart, never spend a
    /// budget.</summary>
    public int MaintenanceMinutes { get; set; }

    /// <summary>The class of a minute-level bucket, from its minute columns.</summary>
    public MinuteClass Class =>
        MaintenanceMinutes > 0 ? MinuteClass.Maintenance
        : BadMinutes > 0 ? MinuteClass.Bad
        : GoodMinutes > 0 ? MinuteClass.Good
        : ExcludedMinutes > 0 ? MinuteClass.Excluded
        : MinuteClass.None;

    /// <summary>Adds <paramref name="delta"/> minutes of class <paramref name="minuteClass"/> (negative to take a
    /// minute back when it changes class).</summary>
    public void AddMinutes(MinuteClass minuteClass, int delta)
    {
        switch (minuteClass)
        {
            case MinuteClass.Good: GoodMinutes += delta; break;
            case MinuteClass.Bad: BadMinutes += delta; break;
            case MinuteClass.Excluded: ExcludedMinutes += delta; break;
            case MinuteClass.Maintenance: MaintenanceMinutes += delta; break;
        }
    }

    /// <summary>
    /// Takes a row into the bucket. A row that is not amoCRM's verdict (<paramref name="counted"/> false: our
    /// own fault, a 401, a 429, a block, an unpaid account) only widens the id range, so raw reads still find
    /// it, but never counts toward uptime or latency.
    /// </summary>
    public void Add(HealthCheckRecord row, bool counted = true)
    {
        FirstId = FirstId == 0 ? row.Id : Math.Min(FirstId, row.Id);
        LastId = Math.Max(LastId, row.Id);
        if (!counted)
        {
            return;
        }

        Count++;
        if (row.Status == Checks.OutcomeNames.Status.Up)
        {
            UpCount++;
        }

        if (row.ResponseTime is not { } ms)
        {
            return;
        }

        TimedCount++;
        SumMs += ms;
        MinMs = MinMs is { } min ? Math.Min(min, ms) : ms;
        MaxMs = MaxMs is { } max ? Math.Max(max, ms) : ms;
    }
}

public sealed class MinuteRollup : RollupRecord;

public sealed class HourRollup : RollupRecord;

public sealed class DayRollup : RollupRecord;
