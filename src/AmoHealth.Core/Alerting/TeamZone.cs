namespace AmoHealth.Core.Alerting;

/// <summary>The team's time zone (<c>Alerts:TimeZone</c>), in which people read every time an alert shows.</summary>
public static class TeamZone
{
    public const string Default = "Europe/Moscow";

    /// <summary>The zone of an IANA id, or null when the id is empty, unknown, or a Windows name.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return zone.HasIanaId ? zone : null;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
