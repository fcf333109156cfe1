using AmoHealth.Api.Public;
using AmoHealth.Core.Checks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Public;

/// <summary>What a page's snapshot holds, read from a file seeded as the Prober writes it
/// (<see cref="StatusPageSeed"/>): days in the team's zone, states that never call a 429 or our own fault "down", the
/// minimum incident length and public notes only.</summary>
[Trait("Ring", "Integration")]
public sealed class StatusPageSnapshotTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public async Task InitializeAsync() => await StatusPageSeed.SeedAsync(await _database.MigrateAsync());

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheBarsAreNinetyDaysInTheTeamsZoneCountedByTime()
    {
        var snapshot = await SnapshotAsync();

        var get = snapshot.Checks.Single(c => c.CheckType == CheckType.Get);
        Assert.Equal(90, get.Days.Count);
        Assert.Equal(new DateOnly(2026, 12, 6), get.Days[^1].Date);
        Assert.Equal(new DateOnly(2026, 9, 8), get.Days[0].Date);
        // 01:30 in Moscow on Dec 6 is Dec 5 in UTC: the bad minute is on the team's Dec 6, the good one on Dec 5.
        Assert.Equal((0, 1), (get.Days[^1].GoodMinutes, get.Days[^1].BadMinutes));
        Assert.Equal((1, 0), (get.Days[^2].GoodMinutes, get.Days[^2].BadMinutes));
        Assert.Equal(0.5, get.Uptime30Days);
        Assert.Equal(0.5, get.Uptime90Days);
        var dp = snapshot.Checks.Single(c => c.CheckType == CheckType.Dp);
        Assert.Equal(1, dp.Days.Single(d => d.Date == new DateOnly(2026, 12, 3)).MaintenanceMinutes);
        Assert.Null(dp.Uptime30Days);
        Assert.Equal("maintenance", StatusPageHtml.DayClass(dp.Days.Single(d => d.Date == new DateOnly(2026, 12, 3))));
        Assert.Equal("none", StatusPageHtml.DayClass(dp.Days[0]));
        Assert.Equal(1, get.Days.Single(d => d.Date == new DateOnly(2026, 12, 4)).Incidents);
    }

    [Fact]
    public async Task AThrottledCheckOrOurOwnFaultIsNotMeasuredNeverDown()
    {
        var snapshot = await SnapshotAsync();

        var states = snapshot.Checks.ToDictionary(c => c.CheckType, c => c.State);
        Assert.Equal(PublicState.Unknown, states[CheckType.Post]);
        Assert.Equal(PublicState.Unknown, states[CheckType.Hook]);
        Assert.Equal(PublicState.Down, states[CheckType.Web]);
        Assert.Equal(PublicState.Operational, states[CheckType.Get]);
        Assert.Equal([CheckType.Get, CheckType.Post, CheckType.Web, CheckType.Hook, CheckType.Dp],
            snapshot.Checks.Select(c => c.CheckType));
        Assert.Equal(PublicState.Down, snapshot.Overall);
        Assert.Equal(StatusPageSeed.Now.AddMinutes(-10),
            snapshot.Checks.Single(c => c.CheckType == CheckType.Web).Since);
    }

    [Fact]
    public async Task ClosedIncidentsShorterThanTheMinimumAreLeftOffAndOpenOnesStay()
    {
        var snapshot = await SnapshotAsync();

        // 2 lasted 2 minutes (< 5), 4 was a rejected token, 6 is another account's, 7 ended 100 days ago.
        Assert.Equal([1L, 3L, 5L], snapshot.Incidents.Select(i => i.Id));
        Assert.Null(snapshot.Incidents[0].End);
        Assert.Equal([PublicState.Down, PublicState.Down, PublicState.Degraded],
            snapshot.Incidents.Select(i => i.Impact));
        Assert.Equal(TimeSpan.FromMinutes(10), snapshot.Incidents[1].Duration);
    }

    [Fact]
    public async Task OnlyPublicNotesAreInTheSnapshot()
    {
        var snapshot = await SnapshotAsync();

        var notes = snapshot.Incidents.Single(i => i.Id == 1).Notes;
        Assert.Equal([StatusPageSeed.PublicNote], notes.Select(n => n.Text));
        Assert.Equal(StatusPageSeed.Now.AddMinutes(-4), notes[0].At);
    }

    [Fact]
    public async Task AnActiveWindowShowsEveryCheckUnderMaintenanceAndOnlyItsTimes()
    {
        var settings = StatusPageSeed.Page();
        settings["Alerts:Maintenance:0:Start"] = "2026-12-06T14:30:00+03:00";
        settings["Alerts:Maintenance:0:End"] = "2026-12-06T16:00:00+03:00";
        settings["Alerts:Maintenance:1:Start"] = "2026-12-10T01:00:00+03:00";
        settings["Alerts:Maintenance:1:End"] = "2026-12-10T02:00:00+03:00";
        settings["Alerts:Maintenance:2:Start"] = "2026-12-20T01:00:00+03:00";
        settings["Alerts:Maintenance:2:End"] = "2026-12-20T02:00:00+03:00";

        var snapshot = await SnapshotAsync(settings);

        Assert.All(snapshot.Checks, c => Assert.Equal(PublicState.Maintenance, c.State));
        Assert.Equal(PublicState.Maintenance, snapshot.Overall);
        Assert.Equal(
            [
                new PublicMaintenance(DateTimeOffset.Parse("2026-12-06T11:30:00Z"),
                    DateTimeOffset.Parse("2026-12-06T13:00:00Z"), true),
                new PublicMaintenance(DateTimeOffset.Parse("2026-12-09T22:00:00Z"),
                    DateTimeOffset.Parse("2026-12-09T23:00:00Z"), false),
            ],
            snapshot.Maintenance);
    }

    [Fact]
    public async Task TheVersionStaysWhileNothingShownChanges()
    {
        var clock = new FakeTimeProvider(StatusPageSeed.Now);
        await using var api = StatusPageApi.Start(_database, clock, StatusPageSeed.Page());
        var snapshots = api.Services.GetRequiredService<IPublicSnapshots>();

        var first = await snapshots.GetAsync("acme", CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(20));
        var again = await snapshots.GetAsync("acme", CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        var later = await snapshots.GetAsync("acme", CancellationToken.None);

        Assert.NotSame(first, again);
        Assert.Equal(first!.Version, again!.Version);
        // The page prints the minute it was made: a new minute is a new version.
        Assert.NotEqual(first.Version, later!.Version);
        Assert.Null(await snapshots.GetAsync("nobody", CancellationToken.None));
    }

    private async Task<PublicSnapshot> SnapshotAsync(Dictionary<string, string>? settings = null)
    {
        await using var api = StatusPageApi.Start(
            _database, new FakeTimeProvider(StatusPageSeed.Now), settings ?? StatusPageSeed.Page());
        var snapshot = await api.Services.GetRequiredService<IPublicSnapshots>()
            .GetAsync("acme", CancellationToken.None);
        return Assert.IsType<PublicSnapshot>(snapshot);
    }
}
