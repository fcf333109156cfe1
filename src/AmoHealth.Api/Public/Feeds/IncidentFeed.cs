using System.Text;
using System.Xml;

namespace AmoHealth.Api.Public.Feeds;

/// <summary>The page's incidents of the last 90 days, newest first, as RSS 2.0 or Atom: each with a link to its place
/// on the page, an id that never changes, and a text from its times, duration and public notes.</summary>
public sealed class IncidentFeed(PublicSnapshot snapshot, FeedLinks links, FeedTexts texts)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    private readonly FeedClock _clock = new(snapshot.TimeZone);

    public IReadOnlyList<PublicIncident> Items => snapshot.Incidents
        .Where(i => i.End is null || i.Start >= snapshot.GeneratedAt - Window)
        .OrderByDescending(i => i.Start).ThenByDescending(i => i.Id).ToList();

    public string Title => $"{snapshot.Page.Heading}: {texts.Incidents}";

    /// <summary>Stable per page and incident, whatever the page's address becomes.</summary>
    public string Id(PublicIncident incident) => $"{FeedId}:incident:{incident.Id}";

    public string FeedId => $"urn:amohealth:status:{snapshot.Page.Slug}";

    /// <summary>When the incident last changed: its end, else its latest note, else its start.</summary>
    public static DateTimeOffset Updated(PublicIncident incident) =>
        incident.Notes.Select(n => n.At).Append(incident.End ?? incident.Start).Append(incident.Start).Max();

    public DateTimeOffset FeedUpdated => Items.Select(Updated).DefaultIfEmpty(snapshot.GeneratedAt).Max();

    public string Link(PublicIncident incident) => links.Incident(incident.Id);

    public string PageLink => links.Page;

    public string Language => texts.Code;

    public string ItemTitle(PublicIncident incident) => texts.Title(incident);

    /// <summary>Plain text: the times in the page's zone with the duration, then each public note.</summary>
    public string Description(PublicIncident incident)
    {
        var text = new StringBuilder()
            .Append(texts.CheckName(incident.CheckType)).Append(": ").Append(texts.From).Append(' ')
            .Append(_clock.Wall(incident.Start));
        if (incident.End is { } end)
        {
            text.Append(' ').Append(texts.To).Append(' ').Append(_clock.Wall(end));
        }

        text.Append(" (").Append(snapshot.TimeZone).Append("), ")
            .Append(incident.Duration is { } duration ? texts.Duration(duration) : texts.Ongoing).Append('.');
        foreach (var note in incident.Notes.OrderBy(n => n.At))
        {
            text.Append('\n').Append(_clock.Wall(note.At)).Append(" — ").Append(note.Text);
        }

        return text.ToString();
    }

    public string Description() => texts.FeedDescription;

    /// <summary>XML through <see cref="XmlWriter"/> (escaped, well-formed), UTF-8 without a byte order mark.</summary>
    public static string Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
