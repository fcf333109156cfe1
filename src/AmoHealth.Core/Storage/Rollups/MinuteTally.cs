namespace AmoHealth.Core.Storage.Rollups;

/// <summary>Minutes of a window by <see cref="MinuteClass"/>. Uptime by time is <see cref="Good"/> over
/// <see cref="Judged"/>: minutes without amoCRM's verdict and maintenance minutes are set apart, never counted as up or
/// down.</summary>
public readonly record struct MinuteTally(int Good, int Bad, int Excluded, int Maintenance)
{
    /// <summary>Minutes with amoCRM's verdict outside maintenance: the denominator of uptime and of a budget.</summary>
    public int Judged => Good + Bad;

    /// <summary>Good minutes over judged minutes, 0..1; null when no minute was judged.</summary>
    public double? Uptime => Judged == 0 ? null : (double)Good / Judged;

    public static MinuteTally operator +(MinuteTally a, MinuteTally b) =>
        new(a.Good + b.Good, a.Bad + b.Bad, a.Excluded + b.Excluded, a.Maintenance + b.Maintenance);

    public static MinuteTally Of(RollupRecord rollup) =>
        new(rollup.GoodMinutes, rollup.BadMinutes, rollup.ExcludedMinutes, rollup.MaintenanceMinutes);
}
