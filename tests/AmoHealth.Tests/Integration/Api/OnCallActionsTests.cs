using System.Net;
using AmoHealth.Core.OnCall;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>Each valid action is forwarded to the Prober (a fake on 127.0.0.1 that records the command) as its
/// command, with the caller; the verdict becomes the answer, and what was applied is read back from the database
/// (seeded here as the Prober would have written it).</summary>
[Trait("Ring", "Integration")]
public sealed class OnCallActionsTests : OnCallApiTests
{
    [Fact]
    public async Task AnAcknowledgementIsForwardedWithTheCallerAndAnsweredWithTheIncidentAsStored()
    {
        _prober.Reply = new OnCallReply(OnCallReply.Applied, 1);

        using var response = await SendAsync(HttpMethod.Post, "/api/incidents/1/ack", "", "operator", "dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incident = await response.JsonAsync();
        Assert.Equal("anna", incident.GetProperty("acknowledgedBy").GetString());
        var received = Assert.Single(_prober.Commands);
        Assert.Equal("POST /internal/oncall", received.Request);
        Assert.Equal((OnCallCommandKinds.Acknowledge, 1L, "dashboard"),
            (received.Command.Kind, received.Command.Id!.Value, received.Command.Source));
        Assert.Equal(Secret, received.Headers["X-AmoHealth-Internal"]);
        Assert.Equal("anna%20k", received.Headers["X-AmoHealth-User"]);
        Assert.Equal("operator", received.Headers["X-AmoHealth-Role"]);
    }

    [Fact]
    public async Task EachCreationIsForwardedAsItsCommandAndAnswered201WithWhatWasStored()
    {
        // The seed's entry 3 is the note as the Prober stores it; silence 1 and window 2 the others.
        _prober.Reply = new OnCallReply(OnCallReply.Applied, 3);
        using var note = await SendAsync(HttpMethod.Post, "/api/incidents/1/notes",
            "{\"text\":\" restarted the pod \",\"isPublic\":true}", "operator");
        _prober.Reply = new OnCallReply(OnCallReply.Applied, 1);
        using var silence = await SendAsync(HttpMethod.Post, "/api/silences",
            "{\"account\":\"acme\",\"checkType\":\"HOOK\",\"minutes\":60,\"reason\":\"deploy\"," +
            "\"endOnRecovery\":true}", "operator");
        _prober.Reply = new OnCallReply(OnCallReply.Applied, 2);
        using var window = await SendAsync(HttpMethod.Post, "/api/maintenance",
            "{\"kind\":\"weekly\",\"weekday\":0,\"startTime\":\"03:00\",\"durationMinutes\":60,\"reason\":\"backup\"}",
            "admin");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created),
            (note.StatusCode, silence.StatusCode, window.StatusCode));
        Assert.Equal("restarted the pod", (await note.JsonAsync()).GetProperty("text").GetString());
        Assert.Equal("acme", (await silence.JsonAsync()).GetProperty("account").GetString());
        Assert.Equal("weekly", (await window.JsonAsync()).GetProperty("kind").GetString());
        var commands = _prober.Commands.Select(c => c.Command).ToList();
        Assert.Equal(
            [OnCallCommandKinds.Note, OnCallCommandKinds.Silence, OnCallCommandKinds.Maintenance],
            commands.Select(c => c.Kind));
        Assert.Equal(("restarted the pod", (bool?)true, "api"),
            (commands[0].Text, commands[0].IsPublic, commands[0].Source));
        Assert.Equal(("acme", "HOOK", (int?)60, "deploy", (bool?)true), (commands[1].Account, commands[1].CheckType,
            commands[1].Minutes, commands[1].Reason, commands[1].EndOnRecovery));
        Assert.Equal(((int?)0, "03:00", (int?)60, (long?)null), (commands[2].Weekday, commands[2].StartTime,
            commands[2].DurationMinutes, commands[2].StartsAt));
    }

    [Theory]
    [InlineData(OnCallReply.Applied, HttpStatusCode.NoContent)]
    [InlineData(OnCallReply.NotFound, HttpStatusCode.NotFound)]
    [InlineData(OnCallReply.Conflict, HttpStatusCode.Conflict)]
    [InlineData(OnCallReply.Invalid, HttpStatusCode.BadRequest)]
    [InlineData(OnCallReply.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("exploded", HttpStatusCode.BadGateway)]
    public async Task TheProbersVerdictBecomesTheStatus(string verdict, HttpStatusCode expected)
    {
        _prober.Reply = new OnCallReply(verdict, null, "said the Prober");

        using var silence = await SendAsync(HttpMethod.Delete, "/api/silences/1", "", "operator");
        using var window = await SendAsync(HttpMethod.Delete, "/api/maintenance/1", "", "admin");

        Assert.Equal((expected, expected), (silence.StatusCode, window.StatusCode));
        Assert.Equal([OnCallCommandKinds.EndSilence, OnCallCommandKinds.EndMaintenance],
            _prober.Commands.Select(c => c.Command.Kind));
        if (expected != HttpStatusCode.NoContent)
        {
            Assert.Equal("application/problem+json", silence.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AConflictingAcknowledgementNamesWhoTookIt()
    {
        _prober.Reply = new OnCallReply(OnCallReply.Conflict);

        using var response = await SendAsync(HttpMethod.Post, "/api/incidents/1/ack", "", "operator");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains("anna", problem.GetProperty("detail").GetString());
        Assert.Equal("anna", problem.GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task AProberThatAnswersAnErrorIsA502()
    {
        _prober.HttpStatus = 403;

        using var response = await SendAsync(HttpMethod.Post, "/api/incidents/1/ack", "", "operator");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(_prober.Commands);
    }

    [Fact]
    public async Task AProberThatDoesNotAnswerIsA503SayingNothingWasChanged()
    {
        // Port 1 on loopback: nothing listens there.
        await using var api = new ApiHost(_database.Path, redis: null,
            settings: new() { ["services:prober:http:0"] = "http://127.0.0.1:1" });
        using var client = api.CreateClient();

        using var ack = await SendAsync(client, HttpMethod.Post, "/api/incidents/1/ack", "", "operator");
        using var end = await SendAsync(client, HttpMethod.Delete, "/api/maintenance/1", "", "admin");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable),
            (ack.StatusCode, end.StatusCode));
        Assert.Equal("application/problem+json", ack.Content.Headers.ContentType?.MediaType);
        Assert.Contains("the Prober did not answer; nothing was changed",
            (await ack.JsonAsync()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheActionsOfOneUserAreLimitedPerMinute()
    {
        await using var api = new ApiHost(_database.Path, redis: null, settings: new()
        {
            ["services:prober:http:0"] = _prober.BaseUri.ToString().TrimEnd('/'),
            ["Api:Limits:ActionsPerMinute"] = "2",
        });
        using var client = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await SendAsync(client, HttpMethod.Delete, "/api/silences/1", "", "operator");
            statuses.Add(response.StatusCode);
            if (i == 2)
            {
                Assert.Equal("Api:Limits:ActionsPerMinute", (await response.JsonAsync()).GetProperty("limit")
                    .GetString());
            }
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests], statuses);
    }
}
