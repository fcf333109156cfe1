using System.Net;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>Live streams per client: counted per signed-in user behind the Gateway, else per address; the rest get
/// 429.</summary>
[Trait("Ring", "Integration")]
public sealed class ClientLimitsTests : IDisposable
{
    private const string Secret = "a-shared-secret-of-the-proxy-0123456789";
    private readonly TempDatabase _database = new();
    private readonly List<HttpResponseMessage> _open = [];

    public void Dispose()
    {
        _open.ForEach(r => r.Dispose());
        _database.Dispose();
    }

    [Fact]
    public async Task StreamsAreCountedPerSignedInUserBehindTheGateway()
    {
        await using var api = await StartApiAsync();
        await using var gateway = new GatewayHost(new()
        {
            ["Auth:Mode"] = "Proxy",
            ["Auth:ProxySecret"] = Secret,
            ["services:api:http:0"] = api.Listen().ToString(),
        });
        using var client = gateway.Client();

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await OpenAsync(client, "alice")).StatusCode);
        }

        var ninth = await OpenAsync(client, "alice");
        var other = await OpenAsync(client, "bob");

        Assert.Equal(HttpStatusCode.TooManyRequests, ninth.StatusCode);
        Assert.Equal("application/problem+json", ninth.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await ninth.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Api:Limits:StreamsPerClient", problem.GetProperty("limit").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task AClientCannotNameItselfAnotherUserToEscapeItsAddressLimit()
    {
        await using var api = await StartApiAsync();
        await using var gateway = new GatewayHost(new() { ["services:api:http:0"] = api.Listen().ToString() });
        using var client = gateway.Client();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            answers.Add((await OpenAsync(client, user: null, forged: $"someone-{i}")).StatusCode);
        }

        Assert.All(answers.Take(8), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[8]);
    }

    private async Task<ApiHost> StartApiAsync()
    {
        var writer = await _database.MigrateAsync();
        await using var db = await writer.CreateDbContextAsync();
        // One status row, so each stream starts with its snapshot event at once.
        db.CheckStatuses.Add(
            new CheckStatusRecord { Account = "main", CheckType = "GET", Status = "up", Outcome = Outcome.Up,
            ResponseTime = 10, LastCheck = 1 });
        await db.SaveChangesAsync();
        return new ApiHost(_database.Path, redis: null);
    }

    private async Task<HttpResponseMessage> OpenAsync(HttpClient client, string? user, string? forged = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stream");
        if (user is not null)
        {
            request.Headers.Add("X-Forwarded-User", user);
            request.Headers.Add(AuthOptions.ProxySecretHeader, Secret);
        }

        if (forged is not null)
        {
            request.Headers.Add("X-AmoHealth-User", forged);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        _open.Add(response);
        return response;
    }
}
