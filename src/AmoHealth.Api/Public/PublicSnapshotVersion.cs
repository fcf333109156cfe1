using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AmoHealth.Api.Public;

/// <summary>The snapshot's version: a hash of everything a public format shows, including the minute it was made in
/// the team's zone (the page prints "updated HH:mm"). Two builds that show the same thing get the same version, so a
/// client's ETag stays good across the cache's refreshes.</summary>
public static class PublicSnapshotVersion
{
    public static string Of(PublicSnapshot snapshot, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        var page = snapshot.Page;
        Line(text, page.Slug, page.Account, page.Title, page.MinIncidentMinutes, page.Indexing, page.Language,
            snapshot.TimeZone, PublicFormat.Local(snapshot.GeneratedAt, zone), snapshot.Overall);
        foreach (var check in snapshot.Checks)
        {
            Line(text, "c", check.CheckType, check.State, Ms(check.Since), check.Uptime30Days, check.Uptime90Days);
            foreach (var day in check.Days)
            {
                Line(text, "d", day.Date.DayNumber, day.GoodMinutes, day.BadMinutes, day.ExcludedMinutes,
                    day.MaintenanceMinutes, day.Incidents);
            }
        }

        foreach (var incident in snapshot.Incidents)
        {
            Line(text, "i", incident.Id, incident.CheckType, incident.Impact, Ms(incident.Start), Ms(incident.End));
            foreach (var note in incident.Notes)
            {
                Line(text, "n", Ms(note.At), note.Text);
            }
        }

        foreach (var window in snapshot.Maintenance)
        {
            Line(text, "m", Ms(window.Start), Ms(window.End), window.Active);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..20];
    }

    private static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    private static void Line(StringBuilder text, params object?[] values)
    {
        foreach (var value in values)
        {
            // Lengths first: no text can pass for two fields.
            var field = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "\u2400";
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        text.Append('\n');
    }
}
