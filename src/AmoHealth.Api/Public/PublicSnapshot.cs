namespace AmoHealth.Api.Public;

/// <summary>Everything a public status page shows, and nothing else: the allow-list. Built from storage by the
/// snapshot reader; every public format (HTML, Statuspage JSON, RSS/Atom, SVG badges) renders only this, so no error
/// text, host, token, stage id or internal note can reach a public response. <see cref="Version"/> changes whenever
/// anything shown changes (the ETag's seed).</summary>
public sealed record PublicSnapshot(
    StatusPageDefinition Page,
    DateTimeOffset GeneratedAt,
    string Version,
    string TimeZone,
    PublicState Overall,
    IReadOnlyList<PublicCheck> Checks,
    IReadOnlyList<PublicIncident> Incidents,
    IReadOnlyList<PublicMaintenance> Maintenance);

/// <summary>One check: its state since when, uptime by time over 30 and 90 days (0..1, null when nothing was
/// judged), and 90 daily bars in the team's zone, oldest first.</summary>
public sealed record PublicCheck(
    string CheckType,
    PublicState State,
    DateTimeOffset? Since,
    double? Uptime30Days,
    double? Uptime90Days,
    IReadOnlyList<PublicDay> Days);

/// <summary>One day of one check: minutes by class (good, bad, not measured, maintenance) and the incidents that
/// started that day.</summary>
public sealed record PublicDay(DateOnly Date, int GoodMinutes, int BadMinutes, int ExcludedMinutes,
    int MaintenanceMinutes, int Incidents)
{
    public double? Uptime => GoodMinutes + BadMinutes == 0 ? null : (double)GoodMinutes / (GoodMinutes + BadMinutes);
}

/// <summary>An incident as the public sees it: which check, down or degraded, when, how long, and the public notes
/// only.</summary>
public sealed record PublicIncident(
    long Id, string CheckType, PublicState Impact, DateTimeOffset Start, DateTimeOffset? End,
    IReadOnlyList<PublicNote> Notes)
{
    public TimeSpan? Duration => End - Start;
}

public sealed record PublicNote(DateTimeOffset At, string Text);

/// <summary>A maintenance window now or in the next 7 days: times only, never its reason (written for the
/// team).</summary>
public sealed record PublicMaintenance(DateTimeOffset Start, DateTimeOffset End, bool Active);
