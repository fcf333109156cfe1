using System.Globalization;

namespace AmoHealth.Api.Public.Feeds;

/// <summary>Times as the feeds write them: in the page's zone (UTC when the zone is unknown to this machine).</summary>
public sealed class FeedClock(string timeZone)
{
    private readonly TimeZoneInfo _zone = Find(timeZone);

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone);

    /// <summary>ISO 8601 with milliseconds and the zone's offset, as Statuspage writes times.</summary>
    public string Iso(DateTimeOffset at) =>
        Local(at).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public string? Iso(DateTimeOffset? at) => at is { } value ? Iso(value) : null;

    /// <summary>A time for people: <c>2026-12-06 15:00</c> in the page's zone.</summary>
    public string Wall(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
