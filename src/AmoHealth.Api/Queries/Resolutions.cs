using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;

namespace AmoHealth.Api.Queries;

/// <summary>Which rollup a window is read from: the finest one still kept that gives few enough points.</summary>
public static class Resolutions
{
    public static Resolution For(TimeWindow window, long now, RetentionOptions retention)
    {
        if (window.Length <= HistoryReader.MinutesUpTo && window.From >= retention.KeptFrom(Resolution.Minute, now))
        {
            return Resolution.Minute;
        }

        return window.Length <= HistoryReader.HoursUpTo
            && window.From >= retention.KeptFrom(Resolution.Hour, now) ? Resolution.Hour : Resolution.Day;
    }
}
