using System.Globalization;

namespace AmoHealth.Api.Public.Feeds;

/// <summary>Statuspage's v2 documents from a snapshot, and nothing but the snapshot.</summary>
public sealed class StatuspageRenderer(PublicSnapshot snapshot, FeedLinks links)
{
    /// <summary>Statuspage lists this many incidents in <c>incidents.json</c>.</summary>
    public const int MaxIncidents = 50;

    private readonly FeedClock _clock = new(snapshot.TimeZone);

    public StatuspagePage Page => new(
        snapshot.Page.Slug, snapshot.Page.Heading, links.Page, snapshot.TimeZone, _clock.Iso(LastChange()));

    public IReadOnlyList<StatuspageComponent> Components => snapshot.Checks.Select(Component).ToList();

    public StatuspageSummary Summary() => new(Page, Components, Unresolved(), Maintenances(_ => true),
        StatuspageStates.Overall(snapshot));

    public StatuspageStatusDocument Status() => new(Page, StatuspageStates.Overall(snapshot));

    public StatuspageComponentsDocument ComponentsDocument() => new(Page, Components);

    public StatuspageIncidentsDocument Incidents() => new(Page, Newest(_ => true).Take(MaxIncidents).ToList());

    public StatuspageIncidentsDocument UnresolvedIncidents() => new(Page, Unresolved());

    /// <summary><c>scheduled-maintenances.json</c> (<paramref name="active"/> null), <c>active.json</c> (true) or
    /// <c>upcoming.json</c> (false).</summary>
    public StatuspageMaintenancesDocument MaintenanceDocument(bool? active) =>
        new(Page, Maintenances(m => active is null || m.Active == active));

    private List<StatuspageIncident> Unresolved() => Newest(i => i.End is null).ToList();

    private IEnumerable<StatuspageIncident> Newest(Func<PublicIncident, bool> filter) =>
        snapshot.Incidents.Where(filter).OrderByDescending(i => i.Start).ThenByDescending(i => i.Id).Select(Incident);

    private StatuspageComponent Component(PublicCheck check, int index)
    {
        var since = _clock.Iso(check.Since ?? snapshot.GeneratedAt);
        return new StatuspageComponent(
            check.CheckType.ToLowerInvariant(), FeedTexts.English.CheckName(check.CheckType),
            StatuspageStates.Component(check.State), since, since, index + 1,
            check.State == PublicState.Unknown ? StatuspageStates.NotMeasured : null,
            Showcase: true, StartDate: null, GroupId: null, snapshot.Page.Slug, Group: false,
            OnlyShowIfDegraded: false);
    }

    private StatuspageIncident Incident(PublicIncident incident)
    {
        var id = incident.Id.ToString(CultureInfo.InvariantCulture);
        var name = FeedTexts.English.CheckName(incident.CheckType);
        var broken = StatuspageStates.Component(incident.Impact);
        var affected = new StatuspageAffectedComponent(incident.CheckType.ToLowerInvariant(), name, "operational",
            broken);
        var updates = new List<StatuspageIncidentUpdate>
        {
            Update($"{id}-opened", "investigating", $"AmoHealth's probes found {name} {Word(incident)}.", id,
                incident.Start, [affected]),
        };
        updates.AddRange(incident.Notes.OrderBy(n => n.At).Select((note, n) => Update(
            $"{id}-note-{n + 1}", incident.End is { } end && note.At >= end ? "resolved" : "investigating",
            note.Text, id, note.At, null)));
        if (incident.End is { } resolved)
        {
            updates.Add(Update($"{id}-resolved", "resolved",
                $"Resolved: {name} was {Word(incident)} for {FeedTexts.English.Duration(resolved - incident.Start)}.",
                id, resolved, [affected with { OldStatus = broken, NewStatus = "operational" }]));
        }

        updates.Reverse();
        return new StatuspageIncident(
            id, $"{name}: {(incident.Impact == PublicState.Down ? "outage" : "degraded performance")}",
            incident.End is null ? "investigating" : "resolved", _clock.Iso(incident.Start),
            _clock.Iso(Latest(incident)), MonitoringAt: null, _clock.Iso(incident.End),
            StatuspageStates.Impact(incident.Impact), links.Incident(incident.Id), _clock.Iso(incident.Start),
            snapshot.Page.Slug, updates, Components.Where(c => c.Id == affected.Code).ToList());
    }

    private StatuspageIncidentUpdate Update(
        string id, string status, string body, string incident, DateTimeOffset at,
        IReadOnlyList<StatuspageAffectedComponent>? affected) =>
        new(id, status, body, incident, _clock.Iso(at), _clock.Iso(at), _clock.Iso(at), affected,
            DeliverNotifications: true, CustomTweet: null, TweetId: null);

    private List<StatuspageMaintenance> Maintenances(Func<PublicMaintenance, bool> filter) => snapshot.Maintenance
        .Where(filter).OrderBy(m => m.Start).Select(m =>
        {
            var id = $"maintenance-{m.Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
            var status = m.Active ? "in_progress" : "scheduled";
            var update = Update($"{id}-{status}", status,
                $"Maintenance from {_clock.Wall(m.Start)} to {_clock.Wall(m.End)} ({snapshot.TimeZone}).", id,
                m.Start, null);
            return new StatuspageMaintenance(
                id, "Scheduled maintenance", status, _clock.Iso(m.Start), _clock.Iso(m.Start), null, null,
                "maintenance", links.Page, _clock.Iso(m.Start), snapshot.Page.Slug, [update], Components,
                _clock.Iso(m.Start), _clock.Iso(m.End));
        }).ToList();

    private static string Word(PublicIncident incident) => incident.Impact == PublicState.Down ? "down" : "degraded";

    private static DateTimeOffset Latest(PublicIncident incident) =>
        new[] { incident.Start, incident.End ?? incident.Start }.Concat(incident.Notes.Select(n => n.At)).Max();

    /// <summary>The last change shown (a state, an incident, a note), so the same snapshot always says the same
    /// time.</summary>
    private DateTimeOffset LastChange() => snapshot.Checks.Select(c => c.Since ?? DateTimeOffset.MinValue)
        .Concat(snapshot.Incidents.Select(Latest)).DefaultIfEmpty(snapshot.GeneratedAt).Max() is var last
        && last > DateTimeOffset.MinValue ? last : snapshot.GeneratedAt;
}
