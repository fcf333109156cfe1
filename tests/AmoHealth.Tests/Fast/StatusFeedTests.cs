using System.Xml.Linq;
using AmoHealth.Api.Public.Feeds;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Fast;

/// <summary>RSS 2.0 and Atom of a page's incidents: well-formed, newest first, the last 90 days, a stable id and a
/// link to the incident's place on the page, the public notes escaped, in the asked language.</summary>
[Trait("Ring", "Fast")]
public sealed class StatusFeedTests
{
    private static readonly XNamespace Atom = AtomFeed.Namespace;

    [Fact]
    public void RssListsTheLast90DaysNewestFirstWithStableGuidsAndLinks()
    {
        var rss = XDocument.Parse(RssFeed.Render(Feed(FeedTexts.English)));

        var channel = rss.Root!.Element("channel")!;
        Assert.Equal("2.0", rss.Root.Attribute("version")!.Value);
        Assert.Equal("Acme & Co: incidents", channel.Element("title")!.Value);
        Assert.Equal("/status/acme", channel.Element("link")!.Value);
        var items = channel.Elements("item").ToList();
        Assert.Equal(["urn:amohealth:status:acme:incident:7", "urn:amohealth:status:acme:incident:5"],
            items.Select(i => i.Element("guid")!.Value));
        Assert.All(items, i => Assert.Equal("false", i.Element("guid")!.Attribute("isPermaLink")!.Value));
        Assert.Equal("/status/acme#incident-5", items[1].Element("link")!.Value);
        Assert.Equal("Web UI (WEB): outage, ongoing", items[0].Element("title")!.Value);
        Assert.Equal("API read (GET): outage, 12 min", items[1].Element("title")!.Value);
        Assert.Equal("Tue, 01 Dec 2026 12:00:00 GMT", items[1].Element("pubDate")!.Value);
        Assert.Equal("Web UI (WEB): from 2026-12-06 14:30 (Europe/Moscow), ongoing.\n"
            + "2026-12-06 14:50 — We are <on> it & \"more\"", items[0].Element("description")!.Value);
    }

    [Fact]
    public void AtomHasTheRequiredElementsAndTheSameEntries()
    {
        var atom = XDocument.Parse(AtomFeed.Render(Feed(FeedTexts.English), "/status/acme/history.atom"));

        var feed = atom.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("urn:amohealth:status:acme", feed.Element(Atom + "id")!.Value);
        Assert.Equal("2026-12-06T11:50:00Z", feed.Element(Atom + "updated")!.Value);
        Assert.Equal("AmoHealth", feed.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal(["alternate", "self"], feed.Elements(Atom + "link").Select(l => l.Attribute("rel")!.Value));
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(["urn:amohealth:status:acme:incident:7", "urn:amohealth:status:acme:incident:5"],
            entries.Select(e => e.Element(Atom + "id")!.Value));
        Assert.Equal("2026-12-01T12:12:00Z", entries[1].Element(Atom + "updated")!.Value);
        Assert.Equal("/status/acme#incident-7", entries[0].Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Contains("We are <on> it & \"more\"", entries[0].Element(Atom + "content")!.Value);
    }

    [Fact]
    public void RussianFeedsSpeakRussian()
    {
        var rss = XDocument.Parse(RssFeed.Render(Feed(FeedTexts.Russian)));

        var channel = rss.Root!.Element("channel")!;
        Assert.Equal("ru", channel.Element("language")!.Value);
        Assert.Equal("Acme & Co: инциденты", channel.Element("title")!.Value);
        Assert.Equal("API (чтение, GET): сбой, 12 мин", channel.Elements("item").Last().Element("title")!.Value);
    }

    [Theory]
    [InlineData(null, "en", "en")]
    [InlineData(null, "ru", "ru")]
    [InlineData("en", "ru", "en")]
    [InlineData("ru", "en", "ru")]
    [InlineData("de", "ru", null)]
    public void TheLanguageIsTheAskedOneElseThePagesAndNoOther(string? asked, string page, string? expected) =>
        Assert.Equal(expected, FeedTexts.For(asked, page)?.Code);

    [Theory]
    [InlineData(30, "<1 min")]
    [InlineData(12 * 60, "12 min")]
    [InlineData((2 * 3600) + (5 * 60), "2 h 5 min")]
    [InlineData((27 * 3600) + 60, "1 d 3 h")]
    public void DurationsReadShort(int seconds, string expected) =>
        Assert.Equal(expected, FeedTexts.English.Duration(TimeSpan.FromSeconds(seconds)));

    private static IncidentFeed Feed(FeedTexts texts) =>
        new(FeedSnapshots.Sample(), new FeedLinks("/status/acme"), texts);
}
