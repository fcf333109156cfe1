using System.Net;
using AmoHealth.Core.Checks;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Tests.Infrastructure;
using AmoHealth.Tests.Integration.Api;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary><c>GET /api/slo/alerts</c> (open and closed in the last 7 days) and <c>POST /api/slo/alerts/{id}/ack</c>
/// forwarded to the Prober as <c>ack_burn</c>: 403 for a viewer, the Prober's 404/409 as problem+json, the alert as
/// stored when applied.</summary>
[Trait("Ring", "Integration")]
public sealed class BurnAlertsApiTests : OnCallApiTests
{
    private long _open;
    private long _taken;
    private long _closed;

    [Fact]
    public async Task TheListHasOpenAlertsAndThoseClosedInTheLastSevenDays()
    {
        await SeedAsync();

        using var response = await SendAsync(HttpMethod.Get, "/api/slo/alerts", "", "viewer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alerts = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([_taken, _open, _closed], alerts.Select(a => a.GetProperty("id").GetInt64()));
        var open = alerts[1];
        Assert.Equal(("acme", "GET", "fast", "page", 14.4, 99.0), (open.GetProperty("account").GetString(),
            open.GetProperty("checkType").GetString(), open.GetProperty("rule").GetString(),
            open.GetProperty("severity").GetString(), open.GetProperty("factor").GetDouble(),
            open.GetProperty("target").GetDouble()));
    }

    [Fact]
    public async Task AnOperatorsAcknowledgementIsForwardedAsAckBurnAndAnsweredWithTheAlert()
    {
        await SeedAsync();
        _prober.Reply = new OnCallReply(OnCallReply.Applied, _open);

        using var response = await SendAsync(HttpMethod.Post, $"/api/slo/alerts/{_open}/ack", "", "operator",
            "dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_open, (await response.JsonAsync()).GetProperty("id").GetInt64());
        var received = Assert.Single(_prober.Commands);
        Assert.Equal((OnCallCommandKinds.AcknowledgeBurn, _open, "dashboard"),
            (received.Command.Kind, received.Command.Id!.Value, received.Command.Source));
    }

    [Fact]
    public async Task AViewerIsRefusedAndTheProbersNotFoundAndConflictBecomeProblems()
    {
        await SeedAsync();

        using var viewer = await SendAsync(HttpMethod.Post, $"/api/slo/alerts/{_open}/ack", "", "viewer");
        var forwardedForViewer = _prober.Commands.Count;
        _prober.Reply = new OnCallReply(OnCallReply.NotFound, null, "No burn alert #999.");
        using var missing = await SendAsync(HttpMethod.Post, "/api/slo/alerts/999/ack", "", "operator");
        _prober.Reply = new OnCallReply(OnCallReply.Conflict, _taken, "taken");
        using var taken = await SendAsync(HttpMethod.Post, $"/api/slo/alerts/{_taken}/ack", "", "operator");

        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Equal(0, forwardedForViewer);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Conflict), (missing.StatusCode, taken.StatusCode));
        Assert.All([viewer, missing, taken], r =>
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        var conflict = await taken.JsonAsync();
        Assert.Equal($"Burn alert #{_taken} is already acknowledged by boris.", conflict.GetProperty("detail")
            .GetString());
        Assert.Equal("boris", conflict.GetProperty("acknowledgedBy").GetString());
    }

    private async Task SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = await _database.CreateFactory().CreateDbContextAsync();
        BurnAlertRecord Alert(string rule, DateTimeOffset opened, DateTimeOffset? closed, string? by) => new()
        {
            Account = "acme", CheckType = CheckType.Get, Rule = rule, Severity = BurnRules.Find(rule)!.Severity,
            Target = 0.99, LongBurn = 15, ShortBurn = 20, OpenedAt = opened.ToUnixTimeMilliseconds(),
            ClosedAt = closed?.ToUnixTimeMilliseconds(), AcknowledgedBy = by,
            AcknowledgedAt = by is null ? null : opened.AddMinutes(1).ToUnixTimeMilliseconds(),
        };
        var old = Alert("fast", now.AddDays(-10), now.AddDays(-9), null);
        var closed = Alert("slow", now.AddDays(-2), now.AddDays(-1), null);
        var open = Alert("fast", now.AddMinutes(-20), null, null);
        var taken = Alert("slow", now.AddMinutes(-10), null, "boris");
        db.BurnAlerts.AddRange(old, closed, open, taken);
        await db.SaveChangesAsync();
        (_open, _taken, _closed) = (open.Id, taken.Id, closed.Id);
    }
}
