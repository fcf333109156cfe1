using System.Globalization;
using System.Xml;

namespace AmoHealth.Api.Public.Feeds;

/// <summary><c>history.atom</c>: Atom (RFC 4287) of <see cref="IncidentFeed"/>.</summary>
public static class AtomFeed
{
    public const string Namespace = "http://www.w3.org/2005/Atom";

    public static string Render(IncidentFeed feed, string self) => IncidentFeed.Write(xml =>
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("feed", Namespace);
        xml.WriteAttributeString("xml", "lang", null, feed.Language);
        xml.WriteElementString("id", Namespace, feed.FeedId);
        xml.WriteElementString("title", Namespace, feed.Title);
        xml.WriteElementString("subtitle", Namespace, feed.Description());
        xml.WriteElementString("updated", Namespace, Rfc3339(feed.FeedUpdated));
        Link(xml, "alternate", feed.PageLink, "text/html");
        Link(xml, "self", self, "application/atom+xml");
        xml.WriteStartElement("author", Namespace);
        xml.WriteElementString("name", Namespace, "AmoHealth");
        xml.WriteEndElement();
        foreach (var incident in feed.Items)
        {
            xml.WriteStartElement("entry", Namespace);
            xml.WriteElementString("id", Namespace, feed.Id(incident));
            xml.WriteElementString("title", Namespace, feed.ItemTitle(incident));
            xml.WriteElementString("published", Namespace, Rfc3339(incident.Start));
            xml.WriteElementString("updated", Namespace, Rfc3339(IncidentFeed.Updated(incident)));
            Link(xml, "alternate", feed.Link(incident), "text/html");
            xml.WriteStartElement("content", Namespace);
            xml.WriteAttributeString("type", "text");
            xml.WriteString(feed.Description(incident));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    });

    public static string Rfc3339(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
