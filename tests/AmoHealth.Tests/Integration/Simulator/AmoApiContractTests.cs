using System.Net;
using System.Text.Json;
using AmoHealth.Simulator.Amo;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Simulator;

[Trait("Ring", "Integration")]
public sealed class AmoApiContractTests(SimulatorHost simulator) : IClassFixture<SimulatorHost>
{
    [Fact]
    public async Task AccountAnswersHalJsonWithTheRequestedExtras()
    {
        using var client = simulator.CreateAmoClient();

        using var plain = await client.GetAsync("/api/v4/account");
        using var rich = await client.GetAsync("/api/v4/account?with=amojo_id,version,datetime_settings");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("application/hal+json", plain.Content.Headers.ContentType?.MediaType);
        var account = await plain.JsonAsync();
        Assert.Equal(AccountState.AccountId, account.GetProperty("id").GetInt64());
        Assert.Equal("demo", account.GetProperty("subdomain").GetString());
        Assert.False(account.TryGetProperty("amojo_id", out _));
        var extended = await rich.JsonAsync();
        Assert.Equal(JsonValueKind.String, extended.GetProperty("amojo_id").ValueKind);
        Assert.Equal(16, extended.GetProperty("version").GetInt32());
        Assert.Equal("Europe/Moscow", extended.GetProperty("_embedded").GetProperty("datetime_settings")
            .GetProperty("timezone").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    [InlineData("Bearer ")]
    public async Task AMissingOrUnknownTokenGetsAmoCrms401Body(string? authorization)
    {
        using var client = simulator.CreateAmoClient(token: null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v4/leads");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal("Unauthorized", body.GetProperty("title").GetString());
        Assert.Equal("https://httpstatus.es/401", body.GetProperty("type").GetString());
        Assert.Equal(401, body.GetProperty("status").GetInt32());
        Assert.Equal("Неверный логин или пароль", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AddingLeadsTakesAnArrayAndAnswers200WithTheirIds()
    {
        using var client = simulator.CreateAmoClient();

        using var response = await client.PostJsonAsync("/api/v4/leads",
            """[{"name":"A","price":100},{"name":"B","request_id":"mine"}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var leads = (await response.JsonAsync()).GetProperty("_embedded").GetProperty("leads").EnumerateArray()
            .ToList();
        Assert.Equal(["0", "mine"], leads.Select(l => l.GetProperty("request_id").GetString()));
        var id = leads[0].GetProperty("id").GetInt64();
        Assert.EndsWith($"/api/v4/leads/{id}", leads[0].GetProperty("_links").GetProperty("self").GetProperty("href")
            .GetString());
        Assert.Equal("A", simulator.Account.Leads[id].Name);
        Assert.Equal(100, simulator.Account.Leads[id].Price);
    }

    [Theory]
    [InlineData("{\"name\":\"not an array\"}", "InvalidType")]
    [InlineData("[]", "blank")]
    [InlineData("not json", "blank")]
    [InlineData("[{\"status_id\":12345}]", "NotSupportedChoice")]
    [InlineData("[{\"pipeline_id\":1}]", "NotSupportedChoice")]
    [InlineData("[{\"name\":42}]", "InvalidType")]
    [InlineData("[{\"price\":\"lots\"}]", "InvalidType")]
    public async Task BadLeadsAre400WithAmoCrmsValidationBody(string body, string expected)
    {
        using var client = simulator.CreateAmoClient();
        var before = simulator.Account.Leads.Count;

        using var response = await client.PostJsonAsync("/api/v4/leads", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.JsonAsync();
        if (expected == "blank")
        {
            Assert.Equal("Request data must not be blank", json.GetProperty("detail").GetString());
        }
        else
        {
            Assert.Equal("Request validation failed", json.GetProperty("detail").GetString());
            var error = json.GetProperty("validation-errors")[0].GetProperty("errors")[0];
            Assert.Equal(expected, error.GetProperty("code").GetString());
        }

        Assert.Equal(before, simulator.Account.Leads.Count);
    }

    [Fact]
    public async Task MoreThan250LeadsInOneRequestAre422()
    {
        using var client = simulator.CreateAmoClient();
        var body = "[" + string.Join(",", Enumerable.Repeat("{}", 251)) + "]";

        using var response = await client.PostJsonAsync("/api/v4/leads", body);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("Limit of 250 per page", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUnknownLeadIs204NotAnError()
    {
        using var client = simulator.CreateAmoClient();
        var lead = simulator.Account.AddLead("Known", null, 5);

        using var unknown = await client.GetAsync("/api/v4/leads/1");
        using var known = await client.GetAsync($"/api/v4/leads/{lead.Id}");

        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);
        Assert.Empty(await unknown.Content.ReadAsByteArrayAsync());
        var body = await known.JsonAsync();
        Assert.Equal(("Known", AccountState.FirstStageId),
            (body.GetProperty("name").GetString(), body.GetProperty("status_id").GetInt64()));
    }

    [Fact]
    public async Task OneLeadIsPatchedWithABareObjectAndSeveralWithAnArray()
    {
        using var client = simulator.CreateAmoClient();
        var first = simulator.Account.AddLead("First", null, 0);
        var second = simulator.Account.AddLead("Second", null, 0);

        using var single = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v4/leads/{first.Id}",
            """{"name":"First, renamed"}""");
        using var wrongShape = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v4/leads/{first.Id}",
            """[{"name":"x"}]""");
        using var batch = await client.SendJsonAsync(HttpMethod.Patch, "/api/v4/leads",
            $$"""[{"id":{{first.Id}},"price":7},{"id":{{second.Id}},"status_id":{{AccountState.SecondStageId}}}]""");
        using var missing = await client.SendJsonAsync(HttpMethod.Patch, "/api/v4/leads", """[{"id":1,"price":7}]""");

        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var singleBody = await single.JsonAsync();
        Assert.Equal(first.Id, singleBody.GetProperty("id").GetInt64());
        Assert.True(singleBody.TryGetProperty("updated_at", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(2, (await batch.JsonAsync()).GetProperty("_embedded").GetProperty("leads").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(("First, renamed", 7),
            (simulator.Account.Leads[first.Id].Name, simulator.Account.Leads[first.Id].Price));
        Assert.Equal(AccountState.SecondStageId, simulator.Account.Leads[second.Id].StatusId);
    }

    [Fact]
    public async Task LeadsCannotBeDeletedThroughTheApi()
    {
        using var client = simulator.CreateAmoClient();
        var lead = simulator.Account.AddLead("Keep", null, 0);

        using var one = await client.DeleteAsync($"/api/v4/leads/{lead.Id}");
        using var all = await client.DeleteAsync("/api/v4/leads");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, one.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, all.StatusCode);
        Assert.Equal("Method Not Allowed", (await one.JsonAsync()).GetProperty("title").GetString());
        Assert.True(simulator.Account.Leads.ContainsKey(lead.Id));
    }

    [Fact]
    public async Task PipelinesListTheStagesIncludingTheSystemOnes()
    {
        using var client = simulator.CreateAmoClient();

        var body = await (await client.GetAsync("/api/v4/leads/pipelines")).JsonAsync();

        var pipeline = body.GetProperty("_embedded").GetProperty("pipelines")[0];
        Assert.Equal(AccountState.PipelineId, pipeline.GetProperty("id").GetInt64());
        var stages = pipeline.GetProperty("_embedded").GetProperty("statuses").EnumerateArray()
            .Select(s => s.GetProperty("id").GetInt64());
        Assert.Equal([AccountState.FirstStageId, AccountState.SecondStageId, 142, 143], stages);
    }

    [Fact]
    public async Task AnUnknownApiPathIsAProblem404AndTheWebPageIsHtml()
    {
        using var client = simulator.CreateAmoClient();

        using var unknown = await client.GetAsync("/api/v4/nothing");
        using var page = await simulator.CreateAmoClient(token: null).GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheLeadListPagesWithHalLinksAndIsEmptyAs204()
    {
        using var fresh = SimulatorHost.With();
        using var client = fresh.CreateAmoClient();

        using var empty = await client.GetAsync("/api/v4/leads");
        for (var i = 0; i < 3; i++)
        {
            fresh.Account.AddLead($"L{i}", null, 0);
        }

        var first = await (await client.GetAsync("/api/v4/leads?limit=2")).JsonAsync();
        var second = await (await client.GetAsync("/api/v4/leads?limit=2&page=2")).JsonAsync();
        var capped = await (await client.GetAsync("/api/v4/leads?limit=1000")).JsonAsync();

        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.Equal(2, first.GetProperty("_embedded").GetProperty("leads").GetArrayLength());
        Assert.True(first.GetProperty("_links").TryGetProperty("next", out _));
        Assert.Equal(2, second.GetProperty("_page").GetInt32());
        Assert.Equal(1, second.GetProperty("_embedded").GetProperty("leads").GetArrayLength());
        Assert.False(second.GetProperty("_links").TryGetProperty("next", out _));
        Assert.Contains("limit=250", capped.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
    }
}
