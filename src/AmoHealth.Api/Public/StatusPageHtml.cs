using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace AmoHealth.Api.Public;

/// <summary>The status page as one HTML document, written from the snapshot alone: no script and no inline style (the
/// stylesheet is <c>status.css</c> beside it), so it reads the same without JavaScript and under a strict CSP. Every
/// text is encoded; Cyrillic stays readable in the source.</summary>
public static class StatusPageHtml
{
    internal static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="basePath">The page's own path, e.g. <c>/status/acme</c>: links to the stylesheet, the feeds and
    /// the other language are built on it.</param>
    public static string Render(PublicSnapshot snapshot, string language, string basePath)
    {
        var labels = PublicLabels.For(language);
        var zone = PublicFormat.Zone(snapshot.TimeZone);
        var heading = snapshot.Page.Heading;
        var html = new StringBuilder(64 * 1024);
        html.Append("<!doctype html>\n<html lang=\"").Append(labels.Language).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (!snapshot.Page.Indexing)
        {
            html.Append("<meta name=\"robots\" content=\"noindex\">\n");
        }

        html.Append("<title>").Append(E(heading)).Append(" — ").Append(E(labels.StatusTitle)).Append("</title>\n");
        Link(html, "stylesheet", $"{basePath}/status.css?v={StatusPageStyles.Version}", null, null);
        Link(html, "alternate", $"{basePath}/history.rss", "application/rss+xml", "RSS");
        Link(html, "alternate", $"{basePath}/history.atom", "application/atom+xml", "Atom");
        html.Append("</head>\n<body>\n<header>\n<h1>").Append(E(heading)).Append("</h1>\n")
            .Append("<a class=\"lang\" hreflang=\"").Append(labels.OtherLanguage).Append("\" lang=\"")
            .Append(labels.OtherLanguage).Append("\" href=\"").Append(E($"{basePath}?lang={labels.OtherLanguage}"))
            .Append("\">").Append(E(labels.OtherLanguageName)).Append("</a>\n</header>\n<main>\n");
        html.Append("<p class=\"banner s-").Append(Css(snapshot.Overall)).Append("\">")
            .Append(E(labels.Overall(snapshot.Overall))).Append("</p>\n");

        Checks(html, snapshot, labels, zone);
        StatusPageSections.Incidents(html, snapshot, labels, zone);
        StatusPageSections.Maintenance(html, snapshot, labels, zone);
        html.Append("<section class=\"definition\">\n<h2>").Append(E(labels.HowUptimeIsCounted)).Append("</h2>\n<p>")
            .Append(E(labels.Definition)).Append("</p>\n<p>").Append(E(labels.Legend)).Append("</p>\n</section>\n");
        html.Append("</main>\n<footer>\n<p class=\"updated\">").Append(E(labels.Updated)).Append(' ')
            .Append(PublicFormat.Clock(snapshot.GeneratedAt, zone)).Append(" (").Append(E(snapshot.TimeZone))
            .Append(")</p>\n");
        StatusPageSections.Feeds(html, labels, basePath);
        html.Append("</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The short page for an address where nothing is published: it names nothing.</summary>
    public const string NotFound = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"robots\" content=\"noindex\">\n<title>Not found</title>\n</head>\n<body>\n<p>Not found.</p>\n"
        + "</body>\n</html>\n";

    /// <summary>The class suffix of a state: <c>operational</c>, <c>degraded</c>, <c>down</c>, <c>maintenance</c>,
    /// <c>unknown</c>.</summary>
    public static string Css(PublicState state) => state.ToString().ToLowerInvariant();

    internal static string E(string text) => Encoder.Encode(text);

    private static void Checks(StringBuilder html, PublicSnapshot snapshot, PublicLabels labels, TimeZoneInfo zone)
    {
        html.Append("<section class=\"checks\">\n<h2>").Append(E(labels.Checks)).Append("</h2>\n");
        if (snapshot.Checks.Count == 0)
        {
            html.Append("<p>").Append(E(labels.NoChecks)).Append("</p>\n");
        }

        foreach (var check in snapshot.Checks)
        {
            html.Append("<article class=\"check\">\n<h3><span class=\"name\">").Append(E(labels.Check(check.CheckType)))
                .Append("</span> <span class=\"state s-").Append(Css(check.State)).Append("\">")
                .Append(E(labels.State(check.State))).Append("</span>");
            if (check.Since is { } since)
            {
                html.Append(" <small>").Append(E(labels.Since)).Append(' ')
                    .Append(PublicFormat.Local(since, zone)).Append("</small>");
            }

            html.Append("</h3>\n<ol class=\"bars\">\n");
            foreach (var day in check.Days)
            {
                html.Append("<li class=\"d-").Append(DayClass(day)).Append("\" title=\"")
                    .Append(E(DayTitle(day, labels))).Append("\"></li>\n");
            }

            html.Append("</ol>\n<p class=\"axis\"><span>").Append(E(labels.DaysAgo90)).Append("</span><span>")
                .Append(E(labels.Today)).Append("</span></p>\n<p class=\"uptime\">").Append(E(labels.Uptime))
                .Append(": ").Append(E(labels.Days30)).Append(" <b>").Append(E(PublicFormat.Uptime(check.Uptime30Days,
                    labels))).Append("</b> · ").Append(E(labels.Days90)).Append(" <b>")
                .Append(E(PublicFormat.Uptime(check.Uptime90Days, labels))).Append("</b></p>\n</article>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>The bar's class: <c>none</c> (nothing judged, no maintenance), <c>maintenance</c> (maintenance and no
    /// bad minute), <c>ok</c> (no bad minute), <c>minor</c> (uptime 99 % or more), <c>major</c>.</summary>
    public static string DayClass(PublicDay day) => day switch
    {
        { BadMinutes: 0, MaintenanceMinutes: > 0 } => "maintenance",
        { Uptime: null } => "none",
        { BadMinutes: 0 } => "ok",
        { Uptime: >= 0.99 } => "minor",
        _ => "major",
    };

    /// <summary>One bar's title: the date, uptime, and the bad, maintenance and not measured minutes it had.</summary>
    public static string DayTitle(PublicDay day, PublicLabels labels)
    {
        var parts = new List<string> { PublicFormat.Date(day.Date) };
        if (day.Uptime is null && day.MaintenanceMinutes == 0 && day.ExcludedMinutes == 0)
        {
            parts.Add(labels.NoData);
            return string.Join(" · ", parts);
        }

        parts.Add($"{labels.Uptime} {PublicFormat.Uptime(day.Uptime, labels)}");
        if (day.BadMinutes > 0)
        {
            parts.Add($"{labels.BadMinutes} {Minutes(day.BadMinutes, labels)}");
        }

        if (day.MaintenanceMinutes > 0)
        {
            parts.Add($"{labels.MaintenanceMinutes} {Minutes(day.MaintenanceMinutes, labels)}");
        }

        if (day.ExcludedMinutes > 0)
        {
            parts.Add($"{labels.NotMeasured} {Minutes(day.ExcludedMinutes, labels)}");
        }

        return string.Join(" · ", parts);
    }

    private static string Minutes(int minutes, PublicLabels labels) => PublicFormat.Duration(
        TimeSpan.FromMinutes(minutes), labels);

    private static void Link(StringBuilder html, string rel, string href, string? type, string? title)
    {
        html.Append("<link rel=\"").Append(rel).Append("\" href=\"").Append(E(href)).Append('"');
        if (type is not null)
        {
            html.Append(" type=\"").Append(type).Append("\" title=\"").Append(E(title ?? string.Empty)).Append('"');
        }

        html.Append(">\n");
    }
}
