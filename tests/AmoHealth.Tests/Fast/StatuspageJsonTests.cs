using System.Text.Json;
using AmoHealth.Api.Public;
using AmoHealth.Api.Public.Feeds;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace AmoHealth.Tests.Fast;

/// <summary>The Statuspage v2 documents carry exactly Statuspage's snake_case fields and enum values, so aggregators
/// read them unchanged; built from a hand-made snapshot.</summary>
[Trait("Ring", "Fast")]
public sealed class StatuspageJsonTests
{
    private static readonly string[] ComponentStatuses =
        ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];

    private static readonly string[] ComponentFields =
    [
        "id", "name", "status", "created_at", "updated_at", "position", "description", "showcase", "start_date",
        "group_id", "page_id", "group", "only_show_if_degraded",
    ];

    private static readonly string[] IncidentFields =
    [
        "id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at", "impact", "shortlink",
        "started_at", "page_id", "incident_updates", "components",
    ];

    private static readonly string[] UpdateFields =
    [
        "id", "status", "body", "incident_id", "created_at", "updated_at", "display_at", "affected_components",
        "deliver_notifications", "custom_tweet", "tweet_id",
    ];

    [Fact]
    public void SummaryHasStatuspagesFieldsAndNoOthers()
    {
        var summary = Render(r => JsonSerializer.Serialize(r.Summary(), StatuspageJsonContext.Default
            .StatuspageSummary));

        Assert.Equal(["page", "components", "incidents", "scheduled_maintenances", "status"], Names(summary));
        Assert.Equal(["id", "name", "url", "time_zone", "updated_at"], Names(summary.GetProperty("page")));
        Assert.Equal(["indicator", "description"], Names(summary.GetProperty("status")));
        Assert.All(summary.GetProperty("components").EnumerateArray(), c => Assert.Equal(ComponentFields, Names(c)));
        var incident = Assert.Single(summary.GetProperty("incidents").EnumerateArray());
        Assert.Equal(IncidentFields, Names(incident));
        Assert.All(incident.GetProperty("incident_updates").EnumerateArray(),
            u => Assert.Equal(UpdateFields, Names(u)));
        var affected = incident.GetProperty("incident_updates").EnumerateArray().Last()
            .GetProperty("affected_components")[0];
        Assert.Equal(["code", "name", "old_status", "new_status"], Names(affected));
        Assert.All(summary.GetProperty("scheduled_maintenances").EnumerateArray(), m =>
            Assert.Equal([.. IncidentFields, "scheduled_for", "scheduled_until"], Names(m)));
    }

    [Fact]
    public void EachCheckIsAComponentInStatuspagesWordsAndNotMeasuredClaimsNoOutage()
    {
        var components = Render(r => JsonSerializer.Serialize(
            r.ComponentsDocument(), StatuspageJsonContext.Default.StatuspageComponentsDocument))
            .GetProperty("components").EnumerateArray().ToList();

        Assert.Equal(["get", "post", "web", "hook", "dp"], components.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(
            ["operational", "degraded_performance", "major_outage", "degraded_performance", "under_maintenance"],
            components.Select(c => c.GetProperty("status").GetString()));
        Assert.All(components, c => Assert.Contains(c.GetProperty("status").GetString(), ComponentStatuses));
        Assert.StartsWith("Not measured", components[3].GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, components[0].GetProperty("description").ValueKind);
        Assert.Equal("Webhooks (HOOK)", components[3].GetProperty("name").GetString());
        Assert.Equal("2026-12-06T13:00:00.000+03:00", components[0].GetProperty("updated_at").GetString());
    }

    [Theory]
    [InlineData("none", "All Systems Operational", PublicState.Operational, PublicState.Operational)]
    [InlineData("minor", "Minor Service Outage", PublicState.Operational, PublicState.Degraded)]
    [InlineData("major", "Partial System Outage", PublicState.Down, PublicState.Operational)]
    [InlineData("critical", "Major System Outage", PublicState.Down, PublicState.Down)]
    [InlineData("maintenance", "Service Under Maintenance", PublicState.Maintenance, PublicState.Operational)]
    [InlineData("minor", "Some Checks Not Measured", PublicState.Unknown, PublicState.Operational)]
    [InlineData("minor", "Some Checks Not Measured", PublicState.Unknown, PublicState.Unknown)]
    public void TheIndicatorFollowsTheWorstCheck(string indicator, string description, PublicState a, PublicState b)
    {
        var snapshot = FeedSnapshots.Sample() with
        {
            Checks = [FeedSnapshots.Check("GET", a, 1, 1, 0), FeedSnapshots.Check("POST", b, 1, 1, 0)],
        };

        var status = StatuspageStates.Overall(snapshot);

        Assert.Equal((indicator, description), (status.Indicator, status.Description));
    }

    [Fact]
    public void IncidentsAreInvestigatingWhileOpenAndResolvedOnceClosedNewestFirst()
    {
        var incidents = Render(r => JsonSerializer.Serialize(
            r.Incidents(), StatuspageJsonContext.Default.StatuspageIncidentsDocument))
            .GetProperty("incidents").EnumerateArray().ToList();
        var unresolved = Render(r => JsonSerializer.Serialize(
            r.UnresolvedIncidents(), StatuspageJsonContext.Default.StatuspageIncidentsDocument))
            .GetProperty("incidents").EnumerateArray().ToList();

        Assert.Equal(["7", "5", "3"], incidents.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["investigating", "resolved", "resolved"], incidents.Select(i => i.GetProperty("status")
            .GetString()));
        Assert.Equal(["major", "major", "minor"], incidents.Select(i => i.GetProperty("impact").GetString()));
        Assert.Equal("7", Assert.Single(unresolved).GetProperty("id").GetString());
        var closed = incidents[1];
        Assert.Equal("2026-12-01T15:00:00.000+03:00", closed.GetProperty("started_at").GetString());
        Assert.Equal("2026-12-01T15:12:00.000+03:00", closed.GetProperty("resolved_at").GetString());
        Assert.Equal("/status/acme#incident-5", closed.GetProperty("shortlink").GetString());
        Assert.Equal("API read (GET): outage", closed.GetProperty("name").GetString());
        var updates = closed.GetProperty("incident_updates").EnumerateArray().ToList();
        Assert.Equal(["resolved", "investigating", "investigating"], updates.Select(u => u.GetProperty("status")
            .GetString()));
        Assert.Equal("amoCRM confirmed a fault in one region", updates[1].GetProperty("body").GetString());
        Assert.Contains("12 min", updates[0].GetProperty("body").GetString());
        Assert.Equal(("major_outage", "operational"), (
            updates[0].GetProperty("affected_components")[0].GetProperty("old_status").GetString(),
            updates[0].GetProperty("affected_components")[0].GetProperty("new_status").GetString()));
        Assert.Equal("get", Assert.Single(closed.GetProperty("components").EnumerateArray()).GetProperty("id")
            .GetString());
        Assert.Equal(JsonValueKind.Null, incidents[0].GetProperty("resolved_at").ValueKind);
    }

    [Fact]
    public void MaintenanceIsInProgressOrScheduledWithItsTimesOnly()
    {
        var maintenances = Render(r => JsonSerializer.Serialize(
            r.MaintenanceDocument(null), StatuspageJsonContext.Default.StatuspageMaintenancesDocument))
            .GetProperty("scheduled_maintenances").EnumerateArray().ToList();

        Assert.Equal(["in_progress", "scheduled"], maintenances.Select(m => m.GetProperty("status").GetString()));
        Assert.All(maintenances, m => Assert.Equal("maintenance", m.GetProperty("impact").GetString()));
        Assert.Equal("2026-12-07T15:00:00.000+03:00", maintenances[1].GetProperty("scheduled_for").GetString());
        Assert.Equal("2026-12-07T17:00:00.000+03:00", maintenances[1].GetProperty("scheduled_until").GetString());
    }

    [Fact]
    public void ThePageIsAbsoluteUnderPublicUrlAndRelativeWithout()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["PUBLIC_URL"] = "https://monitor.example/" }).Build();
        var page = new StatuspageRenderer(FeedSnapshots.Sample(), FeedLinks.For(configured, "acme")).Page;

        Assert.Equal(("acme", "Acme & Co", "https://monitor.example/status/acme", "Europe/Moscow"),
            (page.Id, page.Name, page.Url, page.TimeZone));
        Assert.Equal("/status/acme", FeedLinks.For(new ConfigurationBuilder().Build(), "acme").Page);
        Assert.Equal("2026-12-06T14:50:00.000+03:00", page.UpdatedAt);
    }

    private static JsonElement Render(Func<StatuspageRenderer, string> render) => JsonDocument.Parse(render(
        new StatuspageRenderer(FeedSnapshots.Sample(), new FeedLinks("/status/acme")))).RootElement.Clone();

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
