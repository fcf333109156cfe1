using System.Net;
using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace AmoHealth.Tests.Integration.Gateway;

[Trait("Ring", "Integration")]
public sealed class GatewayAuthTests : LoginGatewayTests
{
    [Fact]
    public void PasswordHashesVerifyOnlyTheirPasswordAndNeverRepeat()
    {
        Assert.True(Passwords.Verify(Password, Hash));
        Assert.False(Passwords.Verify("wrong", Hash));
        Assert.NotEqual(Hash, Passwords.Hash(Password));
        Assert.False(Passwords.IsWellFormed(Password));
        Assert.StartsWith("pbkdf2-sha256$310000$", Hash);
    }

    [Fact]
    public async Task WithoutAuthEverythingIsOpen()
    {
        await using var gateway = new GatewayHost([]);
        using var client = gateway.Client();

        using var status = await client.GetAsync("/api/status");

        Assert.NotEqual(HttpStatusCode.Unauthorized, status.StatusCode);
        Assert.Contains("\"mode\":\"none\"", await client.GetStringAsync("/auth/me"));
    }

    [Fact]
    public async Task LoginModeKeepsEverythingButHealthHooksAndTheLoginPageBehindASession()
    {
        await using var gateway = Login();
        using var client = gateway.Client();

        using var page = await client.GetAsync("/incidents?x=1");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fincidents%3Fx%3D1", page.Headers.Location?.OriginalString);
        foreach (
            var path in new[] { "/api/status", "/api/stream", "/api/history?format=csv", "/metrics",
            "/metrics/prober" })
        {
            using var api = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        }

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var hook = await client.PostAsync("/hooks/amocrm/secret", new StringContent("x"));
        Assert.NotEqual(HttpStatusCode.Unauthorized, hook.StatusCode);
        var login = await client.GetStringAsync("/login?returnUrl=/incidents");
        Assert.Contains("action=\"/auth/login\"", login);
        Assert.Contains("value=\"/incidents\"", login);
    }

    [Fact]
    public async Task TheRightPasswordOpensASessionAndAWrongOneDoesNot()
    {
        await using var gateway = Login();
        var cookies = new CookieContainer();
        using var client = gateway.Client(cookies);

        using var wrong = await SignInAsync(client, "admin", "nope", "/");
        Assert.StartsWith("/login?failed=1", wrong.Headers.Location?.OriginalString);
        Assert.Empty(cookies.GetCookies(gateway.BaseUri));

        using var right = await SignInAsync(client, "admin", Password, "//evil.example/");
        Assert.Equal("/", right.Headers.Location?.OriginalString);
        var cookie = Assert.Single(cookies.GetCookies(gateway.BaseUri));
        Assert.True(cookie.HttpOnly);
        Assert.Contains("\"user\":\"admin\"", await client.GetStringAsync("/auth/me"));
        using var api = await client.GetAsync("/api/status");
        Assert.NotEqual(HttpStatusCode.Unauthorized, api.StatusCode);

        using var logout = await client.PostAsync("/auth/logout", null);
        using var after = await client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("\t//evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/x\\..\\\\evil.example", "/")]
    [InlineData("/ /evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("%2F%2Fevil.example", "/")]
    [InlineData("/incidents?range=7d", "/incidents?range=7d")]
    public async Task AfterSignInOnlyAPathOnThisSiteIsFollowed(string returnUrl, string expected)
    {
        await using var gateway = Login();
        using var client = gateway.Client();

        using var signedIn = await SignInAsync(client, "admin", Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(expected, signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ProxyModeTakesTheUserFromTheProxyHeaderOnlyWithTheProxysSecret()
    {
        const string secret = "proxysecret0123456789abcdef";
        await using var gateway = new GatewayHost(
            new() { ["Auth:Mode"] = "Proxy", ["Auth:ProxyHeader"] = "Remote-User", ["Auth:ProxySecret"] = secret });
        using var client = gateway.Client();

        using var anonymous = await client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // What a client gets through Nginx when it sets the user header itself: no secret, or a guessed one.
        foreach (var forged in new[] { null, "guess", secret + "x" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
            request.Headers.Add("Remote-User", "mallory");
            if (forged is not null)
            {
                request.Headers.Add(AuthOptions.ProxySecretHeader, forged);
            }

            using var refused = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        proxied.Headers.Add("Remote-User", "alice");
        proxied.Headers.Add(AuthOptions.ProxySecretHeader, secret);
        using var me = await client.SendAsync(proxied);
        Assert.Contains("\"user\":\"alice\"", await me.Content.ReadAsStringAsync());
    }

    [Fact]
    public void ProxyModeWithoutASharedSecretRefusesToStart()
    {
        var error = Assert.ThrowsAny<Exception>(() => new GatewayHost(new() { ["Auth:Mode"] = "Proxy" }).Dispose());

        Assert.Contains("Auth:ProxySecret", error.ToString());
    }

    [Theory]
    [InlineData("Login", "", "")]
    [InlineData("Login", "admin", "plain-password")]
    [InlineData("Proxy", "", "")]
    public void MisconfiguredAuthStopsTheGatewayAtStartNamingTheKey(string mode, string user, string hash)
    {
        var settings = new Dictionary<string,
            string> { ["Auth:Mode"] = mode, ["Auth:User"] = user, ["Auth:PasswordHash"] = hash };
        if (mode == "Proxy")
        {
            settings["Auth:ProxyHeader"] = "";
        }

        var error = Assert.ThrowsAny<Exception>(() => new GatewayHost(settings).Dispose());

        Assert.Contains("Auth", error.ToString());
    }
}
