using System.Globalization;
using AmoHealth.Core.Storage;

namespace AmoHealth.Core.OnCall;

/// <summary>When a planned maintenance window covers. A weekly window is local time in its zone, so it keeps its wall
/// clock across daylight saving changes (a 02:00 start on a spring-forward night begins at the first valid minute).
/// </summary>
public static class MaintenanceSchedule
{
    public readonly record struct Window(DateTimeOffset Start, DateTimeOffset End)
    {
        public bool Covers(DateTimeOffset at) => at >= Start && at < End;
    }

    /// <summary>The occurrence covering <paramref name="at"/>, or null.</summary>
    public static Window? Covering(MaintenanceRecord window, DateTimeOffset at)
    {
        if (window.DeletedAt is not null)
        {
            return null;
        }

        if (!window.IsWeekly)
        {
            var once = Once(window);
            return once is { } w && w.Covers(at) ? w : null;
        }

        // An occurrence covering now started at most a week (plus a DST hour) ago.
        foreach (var occurrence in Occurrences(window, at.AddDays(-8)))
        {
            if (occurrence.Start > at)
            {
                break;
            }

            if (occurrence.Covers(at))
            {
                return occurrence;
            }
        }

        return null;
    }

    /// <summary>The occurrence covering <paramref name="from"/> or the first after it; null when none is
    /// left.</summary>
    public static Window? Next(MaintenanceRecord window, DateTimeOffset from)
    {
        if (window.DeletedAt is not null)
        {
            return null;
        }

        if (!window.IsWeekly)
        {
            return Once(window) is { } w && w.End > from ? w : null;
        }

        return Occurrences(window, from.AddDays(-8)).First(w => w.End > from);
    }

    private static Window? Once(MaintenanceRecord window) => window is { StartsAt: { } start, EndsAt: { } end }
        ? new Window(DateTimeOffset.FromUnixTimeMilliseconds(start), DateTimeOffset.FromUnixTimeMilliseconds(end))
        : null;

    /// <summary>The weekly occurrences starting on or after the local day of <paramref name="from"/>.</summary>
    private static IEnumerable<Window> Occurrences(MaintenanceRecord window, DateTimeOffset from)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone);
        var start = TimeOnly.ParseExact(window.StartTime!, "HH:mm", CultureInfo.InvariantCulture);
        var length = TimeSpan.FromMinutes(window.DurationMinutes ?? 0);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        day = day.AddDays(((window.Weekday!.Value - (int)day.DayOfWeek) % 7 + 7) % 7);
        for (var week = 0; week < 60; week++, day = day.AddDays(7))
        {
            var begins = Instant(zone, day.ToDateTime(start));
            yield return new Window(begins, begins + length);
        }
    }

    /// <summary>A local wall-clock time in <paramref name="zone"/>; a time that does not exist (the hour skipped in
    /// spring) moves forward to the first one that does.</summary>
    private static DateTimeOffset Instant(TimeZoneInfo zone, DateTime local)
    {
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // An ambiguous time (the repeated autumn hour) is taken at its first occurrence, the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
