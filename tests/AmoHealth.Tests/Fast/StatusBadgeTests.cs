using System.Xml.Linq;
using AmoHealth.Api.Public;
using AmoHealth.Api.Public.Feeds;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Fast;

/// <summary>The SVG badges: valid XML with the label and value as text (escaped), as wide as their texts, the state's
/// colour, and uptime cut to two decimals.</summary>
[Trait("Ring", "Fast")]
public sealed class StatusBadgeTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void ABadgeIsSvgWithItsLabelAndValue()
    {
        var svg = XDocument.Parse(SvgBadge.Render("amoCRM", "operational", "#4c1"));

        Assert.Equal(Svg + "svg", svg.Root!.Name);
        Assert.Equal(["amoCRM", "operational"], svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Equal("amoCRM: operational", svg.Root.Element(Svg + "title")!.Value);
        Assert.Contains(svg.Descendants(Svg + "rect"), r => r.Attribute("fill")!.Value == "#4c1");
        var width = int.Parse(svg.Root.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(SvgBadge.Width("amoCRM") + SvgBadge.Width("operational"), width);
    }

    [Fact]
    public void MarkupInALabelIsTextNotMarkup()
    {
        var label = "<script>alert(\"x\")</script> & co";

        var svg = XDocument.Parse(SvgBadge.Render(label, "down", "#e05d44"));

        Assert.Empty(svg.Descendants(Svg + "script"));
        Assert.Equal(label, svg.Descendants(Svg + "text").First().Value);
    }

    [Fact]
    public void LongerTextMakesAWiderBadge()
    {
        Assert.True(SvgBadge.Width("not measured") > SvgBadge.Width("down"));
        Assert.True(SvgBadge.Width("WWW") > SvgBadge.Width("iii"));
    }

    [Theory]
    [InlineData(PublicState.Operational, "operational", "#4c1")]
    [InlineData(PublicState.Degraded, "degraded", "#dfb317")]
    [InlineData(PublicState.Down, "down", "#e05d44")]
    [InlineData(PublicState.Maintenance, "maintenance", "#007ec6")]
    [InlineData(PublicState.Unknown, "not measured", "#9f9f9f")]
    public void EachStateHasItsWordsAndColour(PublicState state, string text, string color) =>
        Assert.Equal((text, color), BadgeValues.State(state, FeedTexts.English));

    [Theory]
    [InlineData(0.9995, "99.95%")]
    [InlineData(0.99999, "99.99%")]
    [InlineData(1.0, "100%")]
    [InlineData(0.5, "50.00%")]
    public void UptimeIsCutNotRoundedSoNothingShortOfAllReads100(double uptime, string expected) =>
        Assert.Equal(expected, BadgeValues.Uptime(uptime, FeedTexts.English).Text);

    [Fact]
    public void UptimeWithNothingJudgedIsNotMeasured() =>
        Assert.Equal(("не измеряется", BadgeValues.Grey), BadgeValues.Uptime(null, FeedTexts.Russian));

    [Fact]
    public void ThePagesUptimeCountsEveryChecksMinutesOverTheLast30Days()
    {
        var checks = FeedSnapshots.Sample().Checks;

        var uptime = BadgeValues.Uptime30Days(checks);

        // 30 days of (1440 + 1430 + 1380 + 0 + 1200) good of (1440 + 1440 + 1440 + 0 + 1200) judged.
        Assert.Equal(5450.0 / 5520, uptime!.Value, 9);
    }
}
