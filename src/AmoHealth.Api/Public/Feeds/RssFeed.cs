using System.Globalization;
using System.Xml;

namespace AmoHealth.Api.Public.Feeds;

/// <summary><c>history.rss</c>: RSS 2.0 of <see cref="IncidentFeed"/>.</summary>
public static class RssFeed
{
    public static string Render(IncidentFeed feed) => IncidentFeed.Write(xml =>
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", feed.Title);
        xml.WriteElementString("link", feed.PageLink);
        xml.WriteElementString("description", feed.Description());
        xml.WriteElementString("language", feed.Language);
        xml.WriteElementString("lastBuildDate", Rfc822(feed.FeedUpdated));
        foreach (var incident in feed.Items)
        {
            xml.WriteStartElement("item");
            xml.WriteElementString("title", feed.ItemTitle(incident));
            xml.WriteElementString("link", feed.Link(incident));
            xml.WriteStartElement("guid");
            xml.WriteAttributeString("isPermaLink", "false");
            xml.WriteString(feed.Id(incident));
            xml.WriteEndElement();
            xml.WriteElementString("pubDate", Rfc822(incident.Start));
            xml.WriteElementString("description", feed.Description(incident));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    });

    /// <summary>RSS's date form, in GMT.</summary>
    public static string Rfc822(DateTimeOffset at) => at.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
}
