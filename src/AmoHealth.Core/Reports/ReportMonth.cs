using System.Globalization;

namespace AmoHealth.Core.Reports;

/// <summary>A calendar month as the team lives it: its bounds are local midnights in the team's zone, so a month in
/// Europe/Moscow starts at 21:00 UTC the day before, and a month with a DST change is an hour shorter or longer.
/// </summary>
public readonly record struct ReportMonth(int Year, int Month) : IComparable<ReportMonth>
{
    public const string Format = "yyyy-MM";

    /// <summary>"2026-11"; null for anything else (no day, no other separator, months 01..12, years 2000..9998).
    /// </summary>
    public static ReportMonth? Parse(string? text) =>
        text is { Length: 7 }
        && DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
        && first.Year is >= 2000 and < 9999
            ? new ReportMonth(first.Year, first.Month)
            : null;

    /// <summary>The month <paramref name="at"/> falls in, in <paramref name="zone"/>.</summary>
    public static ReportMonth Of(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new ReportMonth(local.Year, local.Month);
    }

    /// <summary>The newest month that has ended in <paramref name="zone"/> at <paramref name="now"/>.</summary>
    public static ReportMonth LastFull(DateTimeOffset now, TimeZoneInfo zone) => Of(now, zone).Previous;

    public ReportMonth Previous => Month == 1 ? new ReportMonth(Year - 1, 12) : new ReportMonth(Year, Month - 1);

    public ReportMonth Next => Month == 12 ? new ReportMonth(Year + 1, 1) : new ReportMonth(Year, Month + 1);

    /// <summary>The first moment of the month in <paramref name="zone"/>.</summary>
    public DateTimeOffset Start(TimeZoneInfo zone) => LocalMidnight(new DateTime(Year, Month, 1), zone);

    /// <summary>[start, end) of the month in <paramref name="zone"/>.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Bounds(TimeZoneInfo zone) => (Start(zone), Next.Start(zone));

    public int CompareTo(ReportMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(ReportMonth a, ReportMonth b) => a.CompareTo(b) < 0;

    public static bool operator >(ReportMonth a, ReportMonth b) => a.CompareTo(b) > 0;

    public static bool operator <=(ReportMonth a, ReportMonth b) => a.CompareTo(b) <= 0;

    public static bool operator >=(ReportMonth a, ReportMonth b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Year:D4}-{Month:D2}";

    /// <summary>Where a zone skips midnight (a DST change at 00:00), the day starts at the first local time that
    /// exists; where midnight happens twice, at the first of them.</summary>
    private static DateTimeOffset LocalMidnight(DateTime day, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(day, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
