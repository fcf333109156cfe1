namespace AmoHealth.Core.Storage.Rollups;

public static class RollupLevels
{
    /// <summary>The rows of one level, as a query root.</summary>
    public static IQueryable<RollupRecord> Query(this AmoHealthDbContext db, Resolution resolution) => resolution switch
    {
        Resolution.Minute => db.MinuteRollups,
        Resolution.Hour => db.HourRollups,
        _ => db.DayRollups,
    };
}
