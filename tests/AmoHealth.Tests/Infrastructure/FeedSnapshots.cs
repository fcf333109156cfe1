using AmoHealth.Api.Public;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>Hand-built public snapshots for the feeds' tests, and an <see cref="IPublicSnapshots"/> that serves them
/// (register it with <c>ConfigureTestServices</c> in an <see cref="ApiHost"/>).</summary>
public sealed class FeedSnapshots : IPublicSnapshots
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, PublicSnapshot> _pages = new(StringComparer.Ordinal);

    public PublicSnapshot this[string slug]
    {
        get => _pages[slug];
        set => _pages[slug] = value;
    }

    public Task<PublicSnapshot?> GetAsync(string slug, CancellationToken cancellationToken) =>
        Task.FromResult(_pages.GetValueOrDefault(slug));

    /// <summary>Five checks, one in each state; an open WEB outage with a note full of markup, a closed GET outage
    /// five days ago, a POST degradation 120 days ago; one maintenance window now and one tomorrow.</summary>
    public static PublicSnapshot Sample(string slug = "acme", string language = "en", string version = "v1") => new(
        new StatusPageDefinition(slug, "acme-main", "Acme & Co", 0, false, language, StatusPageDefinition.FromConfig),
        Now,
        version,
        "Europe/Moscow",
        PublicState.Down,
        [
            Check("GET", PublicState.Operational, 0.9995, good: 1440, bad: 0),
            Check("POST", PublicState.Degraded, 0.99, good: 1430, bad: 10),
            Check("WEB", PublicState.Down, 0.95, good: 1380, bad: 60),
            Check("HOOK", PublicState.Unknown, null, good: 0, bad: 0),
            Check("DP", PublicState.Maintenance, 1, good: 1200, bad: 0),
        ],
        [
            new PublicIncident(5, "GET", PublicState.Down, Now.AddDays(-5), Now.AddDays(-5).AddMinutes(12),
                [new PublicNote(Now.AddDays(-5).AddMinutes(5), "amoCRM confirmed a fault in one region")]),
            new PublicIncident(7, "WEB", PublicState.Down, Now.AddMinutes(-30), null,
                [new PublicNote(Now.AddMinutes(-10), "We are <on> it & \"more\"")]),
            new PublicIncident(3, "POST", PublicState.Degraded, Now.AddDays(-120), Now.AddDays(-120).AddHours(2),
                []),
        ],
        [
            new PublicMaintenance(Now.AddMinutes(-20), Now.AddMinutes(40), Active: true),
            new PublicMaintenance(Now.AddDays(1), Now.AddDays(1).AddHours(2), Active: false),
        ]);

    /// <summary>A check whose 90 daily bars each hold the given minutes (the last 30 make the 30-day figure).</summary>
    public static PublicCheck Check(string type, PublicState state, double? uptime, int good, int bad) => new(
        type, state, Now.AddHours(-2), uptime, uptime,
        Enumerable.Range(0, 90).Select(d => new PublicDay(
            DateOnly.FromDateTime(Now.UtcDateTime).AddDays(d - 89), good, bad, 0, 0, 0)).ToList());
}
