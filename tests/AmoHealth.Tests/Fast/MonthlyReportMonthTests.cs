using AmoHealth.Core.Reports;
using AmoHealth.Prober.Alerting;

namespace AmoHealth.Tests.Fast;

/// <summary>A report's month is a calendar month of the team's zone: its bounds are local midnights, so they move
/// with the zone's offset and with DST.</summary>
[Trait("Ring", "Fast")]
public sealed class MonthlyReportMonthTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void AMonthInMoscowRunsFrom21UtcTheDayBeforeTo21UtcOnItsLastDay()
    {
        var (from, to) = new ReportMonth(2026, 11).Bounds(Moscow);

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 21, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 21, 0, 0, TimeSpan.Zero), to);
    }

    [Fact]
    public void ResultsAt2059And2101UtcOnTheLastDayLandInDifferentMonths()
    {
        var before = ReportMonth.Of(new DateTimeOffset(2026, 11, 30, 20, 59, 0, TimeSpan.Zero), Moscow);
        var after = ReportMonth.Of(new DateTimeOffset(2026, 11, 30, 21, 1, 0, TimeSpan.Zero), Moscow);

        Assert.Equal(("2026-11", "2026-12"), (before.ToString(), after.ToString()));
    }

    [Fact]
    public void AMonthWithADstChangeIsAnHourShorterOrLonger()
    {
        var (marchFrom, marchTo) = new ReportMonth(2026, 3).Bounds(Berlin);
        var (octoberFrom, octoberTo) = new ReportMonth(2026, 10).Bounds(Berlin);

        Assert.Equal(TimeSpan.FromHours(31 * 24 - 1), marchTo - marchFrom);
        Assert.Equal(TimeSpan.FromHours(31 * 24 + 1), octoberTo - octoberFrom);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), marchTo);
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-1", false)]
    [InlineData("2026-11-01", false)]
    [InlineData("2026/11", false)]
    [InlineData("", false)]
    public void OnlyYearDashMonthIsAMonth(string text, bool valid) =>
        Assert.Equal(valid, ReportMonth.Parse(text) is not null);

    [Fact]
    public void TheLastFullMonthOfTheFirstOfJanuaryIsDecember()
    {
        var now = new DateTimeOffset(2026, 12, 31, 21, 30, 0, TimeSpan.Zero);

        Assert.Equal(new ReportMonth(2026, 12), ReportMonth.LastFull(now, Moscow));
    }

    [Fact]
    public void TheReportOfAMonthIsDueOnTheFirstAtTheSummaryHourInTheTeamsZone()
    {
        var alerts = new AlertOptions { DailySummaryHour = 9 };

        var before = MonthlyReportClock.DueMonth(alerts, new DateTimeOffset(2026, 12, 1, 5, 59, 0, TimeSpan.Zero));
        var at = MonthlyReportClock.DueMonth(alerts, new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

        Assert.Equal(new ReportMonth(2026, 10), before);
        Assert.Equal(new ReportMonth(2026, 11), at);
    }
}
