using System.Net;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>The Api and the Prober answer only their Gateway once a secret is set, and refuse to listen beyond loopback
/// without one.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class InternalAccessTests
{
    private const string Header = "X-AmoHealth-Internal";
    private const string Secret = "internal-secret-0123456789abcdef";

    [Fact]
    public async Task WithASecretTheApiAnswersOnlyRequestsCarryingItButHealthStaysOpen()
    {
        using var database = new TempDatabase();
        await database.MigrateAsync();
        await using var api = new ApiHost(database.Path, redis: null,
            settings: new() { ["Internal:ProxySecret"] = Secret });
        using var client = api.CreateClient();

        using var anonymous = await client.GetAsync("/api/status");
        using var forged = await SendAsync(client, "/api/status", "guess-guess-guess-guess-guess");
        using var gateway = await SendAsync(client, "/api/status", Secret);
        using var health = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, gateway.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task WithASecretTheProbersReceiverAnswersOnlyTheGateway()
    {
        using var database = new TempDatabase();
        await using var prober = new ProberHost(Settings(database, ("Internal:ProxySecret", Secret)));
        using var client = prober.CreateClient();

        using var direct = await client.PostAsync("/hooks/amocrm/hooksecret0123456789", new StringContent("x"));

        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
    }

    [Fact]
    public void AnApiListeningBeyondLoopbackWithoutASecretStopsNamingTheKey()
    {
        using var database = new TempDatabase();

        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var api = new ApiHost(database.Path, redis: null, settings: new() { ["urls"] = "http://0.0.0.0:0" });
            api.CreateClient().Dispose();
        });

        Assert.Contains("Internal:ProxySecret is required when the service listens beyond loopback (http://0.0.0.0:0)",
            error.ToString());
    }

    [Fact]
    public void AProberListeningOnEveryInterfaceWithoutASecretStopsNamingTheKey()
    {
        using var database = new TempDatabase();

        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var prober = new ProberHost(Settings(database, ("http_ports", "5101")));
            prober.CreateClient().Dispose();
        });

        Assert.Contains("Internal:ProxySecret is required when the service listens beyond loopback (http://*:5101)",
            error.ToString());
    }

    private static Dictionary<string, string> Settings(TempDatabase database, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["AMOCRM_DOMAIN"] = "http://127.0.0.1:1",
            ["AMOCRM_ACCESS_TOKEN"] = "t",
            ["Storage:Path"] = database.Path,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(Header, secret);
        return await client.SendAsync(request);
    }
}
