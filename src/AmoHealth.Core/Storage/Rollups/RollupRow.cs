namespace AmoHealth.Core.Storage.Rollups;

/// <summary>One rollup row as read for a query; <see cref="Minutes"/> counts its minutes by
/// <see cref="MinuteClass"/>.</summary>
public sealed record RollupRow(
    string Account, string CheckType, long Bucket, int Count, int UpCount, int TimedCount, long SumMs, int? MinMs,
    int? MaxMs, byte[] Histogram, MinuteTally Minutes);
