namespace AmoHealth.Core.Storage.Rollups;

/// <summary>The rollup levels, finest first.</summary>
public enum Resolution
{
    Minute,
    Hour,
    Day,
}

public static class Resolutions
{
    public static readonly Resolution[] All = [Resolution.Minute, Resolution.Hour, Resolution.Day];

    public static long Milliseconds(this Resolution resolution) => resolution switch
    {
        Resolution.Minute => 60_000L,
        Resolution.Hour => 3_600_000L,
        _ => 86_400_000L,
    };

    public static long Floor(this Resolution resolution, long timestamp) =>
        timestamp - (((timestamp % resolution.Milliseconds()) + resolution.Milliseconds()) % resolution.Milliseconds());

    /// <summary>The level's table, as the EF model and the migrations name it.</summary>
    public static string Table(this Resolution resolution) => resolution switch
    {
        Resolution.Minute => "rollup_minute",
        Resolution.Hour => "rollup_hour",
        _ => "rollup_day",
    };

    public static RollupRecord Create(this Resolution resolution, string account, string checkType, long bucket) =>
        resolution switch
    {
        Resolution.Minute => new MinuteRollup { Account = account, CheckType = checkType, Bucket = bucket },
        Resolution.Hour => new HourRollup { Account = account, CheckType = checkType, Bucket = bucket },
        _ => new DayRollup { Account = account, CheckType = checkType, Bucket = bucket },
    };
}
