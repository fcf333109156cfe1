using System.Collections.Concurrent;
using System.Net;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>
/// What the Gateway passes to the Api and the Prober: its own secret, never the client's cookies or a client's copy of
/// a secret.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class BackendAccessTests : LoginGatewayTests
{
    private const string Header = "X-AmoHealth-Internal";
    private const string Secret = "internal-secret-0123456789abcdef";

    [Theory]
    [InlineData("/api/status")]
    [InlineData("/hooks/amocrm/hooksecret0123456789")]
    public async Task ABackendSeesTheGatewaysSecretAndNeitherTheSessionCookieNorAClientsSecret(string path)
    {
        var seen = new ConcurrentQueue<IHeaderDictionary>();
        await using var backend = await LoopbackServer.StartAsync(context =>
        {
            seen.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            return Task.CompletedTask;
        });
        await using var gateway = Gateway(backend.BaseUri, Secret);
        var cookies = new CookieContainer();
        using var client = gateway.Client(cookies);
        using var signedIn = await SignInAsync(client, "admin", Password, "/");
        Assert.NotEmpty(cookies.GetCookies(gateway.BaseUri));

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("x") };
        request.Headers.Add(Header, "forged-by-the-client-0123456789");
        request.Headers.Add("X-AmoHealth-Proxy-Secret", "forged-by-the-client-0123456789");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = Assert.Single(seen);
        Assert.Equal(Secret, headers[Header].ToString());
        Assert.False(headers.ContainsKey("Cookie"), string.Join(", ", headers.Keys));
        Assert.False(headers.ContainsKey("X-AmoHealth-Proxy-Secret"));
    }

    [Fact]
    public async Task WithoutASecretConfiguredAClientsCopyStillNeverReachesTheBackend()
    {
        var seen = new ConcurrentQueue<IHeaderDictionary>();
        await using var backend = await LoopbackServer.StartAsync(context =>
        {
            seen.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            return Task.CompletedTask;
        });
        await using var gateway = Gateway(backend.BaseUri, secret: null);
        using var client = gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            "/hooks/amocrm/hooksecret0123456789") { Content = new StringContent("x") };
        request.Headers.Add(Header, "forged-by-the-client-0123456789");
        request.Headers.Add("Cookie", "amohealth=stolen");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = Assert.Single(seen);
        Assert.False(headers.ContainsKey(Header));
        Assert.False(headers.ContainsKey("Cookie"));
    }

    [Fact]
    public void ABackendBeyondLoopbackWithoutASecretStopsTheGatewayNamingTheKey()
    {
        var error = Assert.ThrowsAny<Exception>(() => Gateway(new Uri("http://10.0.0.6:5102"), secret: null).Dispose());

        Assert.Contains("Internal:ProxySecret is required when a backend is not on loopback (http://10.0.0.6:5102",
            error.ToString());
    }

    private GatewayHost Gateway(Uri backend, string? secret)
    {
        Directory.CreateDirectory(_keys);
        var settings = new Dictionary<string, string>
        {
            ["Auth:Mode"] = "Login",
            ["Auth:User"] = "admin",
            ["Auth:PasswordHash"] = Hash,
            ["Auth:KeysDirectory"] = _keys,
            ["services:api:http:0"] = backend.ToString(),
            ["services:prober:http:0"] = backend.ToString(),
        };
        if (secret is not null)
        {
            settings["Internal:ProxySecret"] = secret;
        }

        return new GatewayHost(settings);
    }
}
