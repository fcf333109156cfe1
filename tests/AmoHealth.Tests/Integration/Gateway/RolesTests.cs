using System.Collections.Concurrent;
using System.Net;
using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>Several users, each with a role: the role a sign-in gives, what the backends are told, and what a change
/// of role in configuration does to a session.</summary>
[Trait("Ring", "Integration")]
public sealed class RolesTests : LoginGatewayTests
{
    private const string OperatorPassword = "anna's own long password";
    private static readonly string OperatorHash = Passwords.Hash(OperatorPassword);

    [Fact]
    public async Task AnOperatorAndAViewerEachSeeTheirRoleAtAuthMe()
    {
        await using var gateway = Users(annaRole: "operator");
        using var anna = gateway.Client();
        using var victor = gateway.Client();

        using var annaIn = await SignInAsync(anna, "anna", OperatorPassword, "/");
        using var victorIn = await SignInAsync(victor, "victor", Password, "/");

        Assert.Equal("/", annaIn.Headers.Location?.OriginalString);
        Assert.Equal("/", victorIn.Headers.Location?.OriginalString);
        Assert.Contains("\"user\":\"anna\",\"role\":\"operator\"", await anna.GetStringAsync("/auth/me"));
        Assert.Contains("\"user\":\"victor\",\"role\":\"viewer\"", await victor.GetStringAsync("/auth/me"));
    }

    [Fact]
    public async Task AUsersOwnPasswordDoesNotOpenAnotherUsersAccount()
    {
        await using var gateway = Users(annaRole: "operator");
        using var client = gateway.Client();

        using var swapped = await SignInAsync(client, "victor", OperatorPassword, "/");
        using var unknown = await SignInAsync(client, "nobody", Password, "/");

        Assert.StartsWith("/login?failed=1", swapped.Headers.Location?.OriginalString);
        Assert.Equal(swapped.Headers.Location, unknown.Headers.Location);
    }

    [Fact]
    public async Task TheBackendHearsTheSignedInUsersRoleAndNeverTheClientsOwnCopy()
    {
        var seen = new ConcurrentQueue<IHeaderDictionary>();
        await using var backend = await LoopbackServer.StartAsync(context =>
        {
            seen.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            return Task.CompletedTask;
        });
        await using var gateway = Users(annaRole: "operator", backend: backend.BaseUri);
        using var client = gateway.Client();
        using var signedIn = await SignInAsync(client, "victor", Password, "/");

        using var forged = await client.SendAsync(Forged("/api/status"));
        using var stranger = gateway.Client();
        using var hook = await stranger.SendAsync(Forged("/hooks/amocrm/hooksecret0123456789"));

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
        var headers = seen.ToArray();
        Assert.Equal(2, headers.Length);
        Assert.Equal("viewer", headers[0]["X-AmoHealth-Role"].ToString());
        Assert.Equal("victor", headers[0]["X-AmoHealth-User"].ToString());
        // Nobody signed in for a webhook: neither header reaches the Prober.
        Assert.False(headers[1].ContainsKey("X-AmoHealth-Role"));
        Assert.False(headers[1].ContainsKey("X-AmoHealth-User"));
    }

    [Fact]
    public async Task WithoutSignInTheBackendHearsAnonymousAdmin()
    {
        var seen = new ConcurrentQueue<IHeaderDictionary>();
        await using var backend = await LoopbackServer.StartAsync(context =>
        {
            seen.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            return Task.CompletedTask;
        });
        await using var gateway = new GatewayHost(new()
        {
            ["services:api:http:0"] = backend.BaseUri.ToString(),
        });

        using var client = gateway.Client();
        using var response = await client.SendAsync(Forged("/api/status", role: "viewer"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = Assert.Single(seen);
        Assert.Equal("admin", headers["X-AmoHealth-Role"].ToString());
        Assert.Equal("anonymous", headers["X-AmoHealth-User"].ToString());
    }

    [Fact]
    public async Task ANewRoleInConfigurationEndsThatUsersSessionOnly()
    {
        var anna = new CookieContainer();
        var victor = new CookieContainer();
        await using (var gateway = Users(annaRole: "operator"))
        {
            using var annaBefore = gateway.Client(anna);
            using var victorBefore = gateway.Client(victor);
            using var annaIn = await SignInAsync(annaBefore, "anna", OperatorPassword, "/");
            using var victorIn = await SignInAsync(victorBefore, "victor", Password, "/");
        }

        await using var changed = Users(annaRole: "viewer");
        using var annaAfter = changed.Client(anna);
        using var victorAfter = changed.Client(victor);

        using var refused = await annaAfter.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("\"role\":\"viewer\"", await victorAfter.GetStringAsync("/auth/me"));
        using var again = await SignInAsync(annaAfter, "anna", OperatorPassword, "/");
        Assert.Contains("\"user\":\"anna\",\"role\":\"viewer\"", await annaAfter.GetStringAsync("/auth/me"));
    }

    private static HttpRequestMessage Forged(string path, string role = "admin")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("x") };
        request.Headers.Add("X-AmoHealth-Role", role);
        request.Headers.Add("X-AmoHealth-User", "mallory");
        return request;
    }

    private GatewayHost Users(string annaRole, Uri? backend = null)
    {
        Directory.CreateDirectory(_keys);
        var settings = new Dictionary<string, string>
        {
            ["Auth:Mode"] = "Login",
            ["Auth:Users:0:Name"] = "anna",
            ["Auth:Users:0:PasswordHash"] = OperatorHash,
            ["Auth:Users:0:Role"] = annaRole,
            ["Auth:Users:1:Name"] = "victor",
            ["Auth:Users:1:PasswordHash"] = Hash,
            ["Auth:Users:1:Role"] = "viewer",
            ["Auth:KeysDirectory"] = _keys,
        };
        if (backend is not null)
        {
            settings["services:api:http:0"] = backend.ToString();
            settings["services:prober:http:0"] = backend.ToString();
        }

        return new GatewayHost(settings);
    }
}
