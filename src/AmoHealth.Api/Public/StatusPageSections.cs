using System.Text;

namespace AmoHealth.Api.Public;

/// <summary>The lower sections of <see cref="StatusPageHtml"/>: incidents with their public notes, planned maintenance
/// (times only) and the feed links.</summary>
internal static class StatusPageSections
{
    public static void Incidents(StringBuilder html, PublicSnapshot snapshot, PublicLabels labels, TimeZoneInfo zone)
    {
        html.Append("<section class=\"incidents\">\n<h2>").Append(E(labels.Incidents)).Append("</h2>\n");
        if (snapshot.Incidents.Count == 0)
        {
            html.Append("<p>").Append(E(labels.NoIncidents)).Append("</p>\n");
        }

        foreach (var incident in snapshot.Incidents)
        {
            var duration = incident.End is { } end
                ? PublicFormat.Duration(end - incident.Start, labels)
                : $"{labels.Ongoing} ({PublicFormat.Duration(snapshot.GeneratedAt - incident.Start, labels)})";
            html.Append("<article class=\"incident\">\n<h3>").Append(E(labels.Check(incident.CheckType)))
                .Append(" <span class=\"state s-").Append(StatusPageHtml.Css(incident.Impact)).Append("\">")
                .Append(E(labels.State(incident.Impact))).Append("</span></h3>\n<dl>\n");
            Term(html, labels.Started, PublicFormat.Local(incident.Start, zone));
            Term(html, labels.Duration, duration);
            Term(html, labels.Impact, labels.State(incident.Impact));
            html.Append("</dl>\n");
            if (incident.Notes.Count > 0)
            {
                html.Append("<ul class=\"notes\">\n");
                foreach (var note in incident.Notes)
                {
                    html.Append("<li><time>").Append(PublicFormat.Local(note.At, zone)).Append("</time> ")
                        .Append(E(note.Text)).Append("</li>\n");
                }

                html.Append("</ul>\n");
            }

            html.Append("</article>\n");
        }

        html.Append("</section>\n");
    }

    public static void Maintenance(StringBuilder html, PublicSnapshot snapshot, PublicLabels labels, TimeZoneInfo zone)
    {
        html.Append("<section class=\"maintenance\">\n<h2>").Append(E(labels.PlannedMaintenance)).Append("</h2>\n");
        if (snapshot.Maintenance.Count == 0)
        {
            html.Append("<p>").Append(E(labels.NoMaintenance)).Append("</p>\n</section>\n");
            return;
        }

        html.Append("<ul>\n");
        foreach (var window in snapshot.Maintenance)
        {
            html.Append("<li>").Append(PublicFormat.Local(window.Start, zone)).Append(" – ")
                .Append(PublicFormat.Local(window.End, zone));
            if (window.Active)
            {
                html.Append(" <span class=\"state s-maintenance\">").Append(E(labels.Now)).Append("</span>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    /// <summary>The machine-readable forms beside the page (served by the feed endpoints).</summary>
    public static void Feeds(StringBuilder html, PublicLabels labels, string basePath)
    {
        html.Append("<p class=\"feeds\">").Append(E(labels.Subscribe)).Append(':');
        foreach (var (href, name) in new[]
        {
            ("api/v2/summary.json", "JSON"), ("history.rss", "RSS"), ("history.atom", "Atom"),
            ("badge.svg", labels.Badge),
        })
        {
            html.Append(" <a href=\"").Append(E($"{basePath}/{href}")).Append("\">").Append(E(name)).Append("</a>");
        }

        html.Append("</p>\n");
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<div><dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd></div>\n");

    private static string E(string text) => StatusPageHtml.E(text);
}
