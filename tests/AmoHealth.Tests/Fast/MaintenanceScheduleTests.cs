using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Tests.Fast;

[Trait("Ring", "Fast")]
public sealed class MaintenanceScheduleTests
{
    private static MaintenanceRecord Weekly(DayOfWeek day, string start, int minutes, string zone) => new()
    {
        Weekday = (int)day, StartTime = start, DurationMinutes = minutes, TimeZone = zone, Reason = "r",
        CreatedBy = "admin",
    };

    [Fact]
    public void AWeeklyWindowKeepsItsWallClockAcrossTheAutumnChange()
    {
        // Berlin: 2027-10-31 back from CEST (+2) to CET (+1).
        var window = Weekly(DayOfWeek.Sunday, "22:00", 120, "Europe/Berlin");

        var before = MaintenanceSchedule.Next(window, DateTimeOffset.Parse("2027-10-24T00:00:00Z"))!.Value;
        var after = MaintenanceSchedule.Next(window, DateTimeOffset.Parse("2027-10-31T00:00:00Z"))!.Value;

        Assert.Equal(DateTimeOffset.Parse("2027-10-24T20:00:00Z"), before.Start);
        Assert.Equal(DateTimeOffset.Parse("2027-10-31T21:00:00Z"), after.Start);
        Assert.Equal(TimeSpan.FromHours(2), after.End - after.Start);
    }

    [Fact]
    public void AStartInTheSkippedSpringHourBeginsAtTheFirstMinuteThatExists()
    {
        // Berlin: 2027-03-28 02:00 local does not exist (clocks jump to 03:00 CEST = 01:00 UTC).
        var window = Weekly(DayOfWeek.Sunday, "02:30", 60, "Europe/Berlin");

        var occurrence = MaintenanceSchedule.Next(window, DateTimeOffset.Parse("2027-03-27T12:00:00Z"))!.Value;

        Assert.Equal(DateTimeOffset.Parse("2027-03-28T01:00:00Z"), occurrence.Start);
    }

    [Fact]
    public void AWeeklyWindowCoversOnlyItsOwnHours()
    {
        var window = Weekly(DayOfWeek.Tuesday, "03:00", 30, "Europe/Moscow");

        // Tuesday 2026-12-08 03:10 Moscow = 00:10 UTC.
        var inside = MaintenanceSchedule.Covering(window, DateTimeOffset.Parse("2026-12-08T00:10:00Z"));
        var outside = MaintenanceSchedule.Covering(window, DateTimeOffset.Parse("2026-12-08T00:31:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-12-08T00:00:00Z"), inside!.Value.Start);
        Assert.Null(outside);
    }

    [Fact]
    public void AOneOffWindowCoversItsSpanAndADeletedOneNothing()
    {
        var window = new MaintenanceRecord
        {
            StartsAt = DateTimeOffset.Parse("2026-12-08T00:00:00Z").ToUnixTimeMilliseconds(),
            EndsAt = DateTimeOffset.Parse("2026-12-08T02:00:00Z").ToUnixTimeMilliseconds(),
            TimeZone = "Europe/Moscow", Reason = "upgrade", CreatedBy = "admin",
        };

        Assert.NotNull(MaintenanceSchedule.Covering(window, DateTimeOffset.Parse("2026-12-08T01:00:00Z")));
        Assert.Null(MaintenanceSchedule.Next(window, DateTimeOffset.Parse("2026-12-08T02:00:00Z")));
        window.DeletedAt = 1;
        Assert.Null(MaintenanceSchedule.Covering(window, DateTimeOffset.Parse("2026-12-08T01:00:00Z")));
    }

    [Fact]
    public void EveryTimelineKindHasAStoredNameThatParsesBack()
    {
        foreach (var kind in TimelineKindNames.All)
        {
            Assert.Equal(kind, TimelineKindNames.Parse(kind.ToName()));
        }

        Assert.Equal(TimelineKindNames.All.Count, TimelineKindNames.All.Select(k => k.ToName()).Distinct().Count());
    }
}
