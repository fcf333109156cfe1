using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>publish_status and unpublish_status through the Prober's <c>POST /internal/oncall</c>, on a whole Prober
/// watching a healthy simulator, once per storage provider.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public abstract class StatusPagePublishCommandTests(ITestStore store) : IAsyncLifetime
{
    private const string Account = "acme";
    private readonly ITestStore _store = store;
    private SimulatorHost _simulator = null!;
    private ProberHost _prober = null!;
    private HttpClient _client = null!;
    private IDbContextFactory<AmoHealthDbContext> _contexts = null!;

    public async Task InitializeAsync()
    {
        _contexts = await _store.MigrateAsync();
        _simulator = SimulatorHost.With();
        var settings = new Dictionary<string, string>
        {
            ["AMOCRM_DOMAIN"] = _simulator.BaseUri.ToString(),
            ["AMOCRM_ACCESS_TOKEN"] = SimulatorHost.Token,
            ["Monitor:Account"] = Account,
            ["Monitor:MaxRequestsPerSecond"] = "5",
            ["StatusPages:official:Account"] = Account,
        };
        if (_store is TempDatabase sqlite)
        {
            settings["Storage:Path"] = sqlite.Path;
        }
        else
        {
            settings["Storage:Provider"] = "postgres";
            settings["ConnectionStrings:amohealth"] = ((TempPostgresDatabase)_store).ConnectionString;
        }

        _prober = new ProberHost(settings);
        _client = _prober.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _prober.DisposeAsync();
        await _simulator.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task OnlyAnAdminPublishesAndASecondPublishChangesThePageKeepingWhoCreatedIt()
    {
        var viewer = await SendAsync("vera", "viewer", Publish("acme-status", "\"title\":\"Acme\""));
        var operatorReply = await SendAsync("oleg", "operator", Publish("acme-status", "\"title\":\"Acme\""));
        var first = await SendAsync("anna", "admin", Publish("acme-status", "\"title\":\" Acme CRM \""));
        var created = await PageAsync("acme-status");
        var second = await SendAsync("boris", "admin",
            Publish("acme-status", "\"minIncidentMinutes\":5,\"indexing\":true"));

        Assert.Equal(("forbidden", "forbidden"), (viewer.Status(), operatorReply.Status()));
        Assert.Contains("admin", operatorReply.Message());
        Assert.Equal(("applied", "applied"), (first.Status(), second.Status()));
        Assert.Equal((Account, "Acme CRM", 0, false, "anna"),
            (created.Account, created.Title, created.MinIncidentMinutes, created.Indexing, created.CreatedBy));
        var changed = await PageAsync("acme-status");
        Assert.Equal(((string?)null, 5, true, "anna", created.CreatedAt),
            (changed.Title, changed.MinIncidentMinutes, changed.Indexing, changed.CreatedBy, changed.CreatedAt));
        Assert.True(changed.UpdatedAt >= created.UpdatedAt);
    }

    [Fact]
    public async Task ABadCommandIsInvalidAndAConfiguredPageIsAConflictWithNothingWritten()
    {
        var slug = await SendAsync("anna", "admin", Publish("Acme Status", string.Empty));
        var stranger = await SendAsync("anna", "admin",
            """{"kind":"publish_status","slug":"other","account":"nobody"}""");
        var title = await SendAsync("anna", "admin", Publish("acme", $"\"title\":\"{new string('t', 81)}\""));
        var minutes = await SendAsync("anna", "admin", Publish("acme", "\"minIncidentMinutes\":1441"));
        var configured = await SendAsync("anna", "admin", Publish("official", string.Empty));
        var takeDown = await SendAsync("anna", "admin", """{"kind":"unpublish_status","slug":"official"}""");

        Assert.Equal(("invalid", "invalid", "invalid", "invalid"),
            (slug.Status(), stranger.Status(), title.Status(), minutes.Status()));
        Assert.Contains("slug", slug.Message());
        Assert.Contains("nobody", stranger.Message());
        Assert.Equal(("conflict", "conflict"), (configured.Status(), takeDown.Status()));
        Assert.Contains("StatusPages:official", configured.Message());
        await using var db = await _contexts.CreateDbContextAsync();
        Assert.Empty(await db.StatusPages.ToListAsync());
    }

    [Fact]
    public async Task UnpublishingRemovesThePageOnceAndThenFindsNothing()
    {
        await SendAsync("anna", "admin", Publish("acme-status", string.Empty));

        var operatorReply = await SendAsync("oleg", "operator", Unpublish("acme-status"));
        var removed = await SendAsync("anna", "admin", Unpublish("acme-status"));
        var again = await SendAsync("anna", "admin", Unpublish("acme-status"));

        Assert.Equal(("forbidden", "applied", "not_found"), (operatorReply.Status(), removed.Status(), again.Status()));
        await using var db = await _contexts.CreateDbContextAsync();
        Assert.Empty(await db.StatusPages.ToListAsync());
    }

    [Fact]
    public async Task AdminsPublishingOneSlugAtOnceLeaveOneRow()
    {
        var replies = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            SendAsync($"admin{i}", "admin", Publish("race", $"\"title\":\"T{i}\""))));

        Assert.All(replies, r => Assert.Equal("applied", r.Status()));
        await using var db = await _contexts.CreateDbContextAsync();
        var page = Assert.Single(await db.StatusPages.ToListAsync());
        Assert.Equal("race", page.Slug);
        Assert.Contains(page.Title, new[] { "T1", "T2", "T3", "T4" });
    }

    private static string Publish(string slug, string extra) =>
        $"{{\"kind\":\"publish_status\",\"slug\":\"{slug}\",\"account\":\"{Account}\",\"source\":\"dashboard\""
        + (extra.Length > 0 ? "," + extra : string.Empty) + "}";

    private static string Unpublish(string slug) => $$"""{"kind":"unpublish_status","slug":"{{slug}}"}""";

    private Task<System.Text.Json.JsonElement> SendAsync(string user, string? role, string json) =>
        OnCallCalls.SendAsync(_client, user, role, json);

    private async Task<StatusPageRecord> PageAsync(string slug)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.StatusPages.AsNoTracking().SingleAsync(p => p.Slug == slug);
    }
}
