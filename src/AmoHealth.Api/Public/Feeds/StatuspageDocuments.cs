namespace AmoHealth.Api.Public.Feeds;

/// <summary><c>summary.json</c>: the page, its components, unresolved incidents, maintenance and the overall
/// status.</summary>
public sealed record StatuspageSummary(
    StatuspagePage Page,
    IReadOnlyList<StatuspageComponent> Components,
    IReadOnlyList<StatuspageIncident> Incidents,
    IReadOnlyList<StatuspageMaintenance> ScheduledMaintenances,
    StatuspageStatus Status);

/// <summary><c>status.json</c>.</summary>
public sealed record StatuspageStatusDocument(StatuspagePage Page, StatuspageStatus Status);

/// <summary><c>components.json</c>.</summary>
public sealed record StatuspageComponentsDocument(StatuspagePage Page, IReadOnlyList<StatuspageComponent> Components);

/// <summary><c>incidents.json</c> and <c>incidents/unresolved.json</c>.</summary>
public sealed record StatuspageIncidentsDocument(StatuspagePage Page, IReadOnlyList<StatuspageIncident> Incidents);

/// <summary><c>scheduled-maintenances.json</c> and its <c>upcoming</c> and <c>active</c> forms.</summary>
public sealed record StatuspageMaintenancesDocument(
    StatuspagePage Page, IReadOnlyList<StatuspageMaintenance> ScheduledMaintenances);
