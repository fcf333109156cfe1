using System.Collections.Concurrent;
using System.Net;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>
/// Public status pages pass the Gateway without sign-in in every mode, while the rest stays behind it, and reach the
/// Api with the internal secret and nothing that names who asked.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class StatusPageAccessTests : LoginGatewayTests
{
    private const string Internal = "internal-secret-0123456789abcdef";
    private const string ProxySecret = "proxysecret0123456789abcdef";
    private readonly ConcurrentQueue<(string Path, IHeaderDictionary Headers)> _seen = new();

    [Fact]
    public async Task InLoginModeAStatusPageOpensWithoutSignInWhileTheApiAndTheDashboardStayClosed()
    {
        await using var api = await ApiAsync();
        await using var gateway = Gateway(api.BaseUri, "Login");
        using var client = gateway.Client();

        using var page = await client.GetAsync("/status/demo?lang=en");
        using var feed = await client.GetAsync("/status/demo/api/v2/summary.json");
        using var data = await client.GetAsync("/api/status");
        using var dashboard = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("page /status/demo", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Equal(["/status/demo", "/status/demo/api/v2/summary.json"], _seen.Select(s => s.Path));
        Assert.Contains("style-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("Login")]
    [InlineData("Proxy")]
    public async Task AStatusPageReachesTheApiWithTheInternalSecretAndNothingThatNamesAUser(string mode)
    {
        await using var api = await ApiAsync();
        await using var gateway = Gateway(api.BaseUri, mode);
        var cookies = new CookieContainer();
        using var client = gateway.Client(cookies);
        if (mode == "Login")
        {
            using var signedIn = await SignInAsync(client, "admin", Password, "/");
            Assert.NotEmpty(cookies.GetCookies(gateway.BaseUri));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/status/demo");
        request.Headers.Add("X-AmoHealth-User", "mallory");
        request.Headers.Add("X-AmoHealth-Role", "admin");
        request.Headers.Add("X-AmoHealth-Internal", "forged-by-the-client-0123456789");
        request.Headers.Add("Authorization", "Basic YWRtaW46YWRtaW4=");
        // As a trusted proxy names a signed-in user (loopback peer, the proxy's secret).
        request.Headers.Add("Remote-User", "anna");
        request.Headers.Add("Remote-Role", "admin");
        request.Headers.Add("X-AmoHealth-Proxy-Secret", ProxySecret);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, headers) = Assert.Single(_seen);
        Assert.Equal(Internal, headers["X-AmoHealth-Internal"].ToString());
        string[] personal =
            ["X-AmoHealth-User", "X-AmoHealth-Role", "Cookie", "Authorization", "Remote-User", "Remote-Role",
                "X-AmoHealth-Proxy-Secret"];
        Assert.All(personal, name => Assert.False(headers.ContainsKey(name), $"{name} reached the Api"));
    }

    private Task<LoopbackServer> ApiAsync() => LoopbackServer.StartAsync(async context =>
    {
        _seen.Enqueue((context.Request.Path.Value!,
            new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value))));
        await context.Response.WriteAsync("page " + context.Request.Path);
    });

    private GatewayHost Gateway(Uri api, string mode)
    {
        Directory.CreateDirectory(_keys);
        var settings = new Dictionary<string, string>
        {
            ["Auth:Mode"] = mode,
            ["Auth:ProxyHeader"] = "Remote-User",
            ["Auth:ProxyRoleHeader"] = "Remote-Role",
            ["Internal:ProxySecret"] = Internal,
            ["services:api:http:0"] = api.ToString(),
        };
        if (mode == "Login")
        {
            settings["Auth:User"] = "admin";
            settings["Auth:PasswordHash"] = Hash;
            settings["Auth:KeysDirectory"] = _keys;
        }
        else if (mode == "Proxy")
        {
            settings["Auth:ProxySecret"] = ProxySecret;
        }

        return new GatewayHost(settings);
    }
}
