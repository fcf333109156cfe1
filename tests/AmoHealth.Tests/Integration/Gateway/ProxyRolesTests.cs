using System.Net;
using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>Roles from a single-sign-on proxy: its role header, its groups mapped to roles, a user's own entry, the
/// default; believed only with the proxy's secret, like the user header.</summary>
[Trait("Ring", "Integration")]
public sealed class ProxyRolesTests : IAsyncLifetime
{
    private const string Secret = "proxysecret0123456789abcdef";
    private GatewayHost _gateway = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _gateway = new GatewayHost(new()
        {
            ["Auth:Mode"] = "Proxy",
            ["Auth:ProxyHeader"] = "Remote-User",
            ["Auth:ProxySecret"] = Secret,
            ["Auth:ProxyRoleHeader"] = "Remote-Role",
            ["Auth:ProxyGroupsHeader"] = "Remote-Groups",
            ["Auth:GroupRoles:staff"] = "viewer",
            ["Auth:GroupRoles:Oncall"] = "operator",
            ["Auth:GroupRoles:sre"] = "admin",
            ["Auth:Users:0:Name"] = "intern",
            ["Auth:Users:0:Role"] = "viewer",
        });
        _client = _gateway.Client();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [Theory]
    [InlineData("staff, oncall", "operator")]
    [InlineData("oncall;sre;staff", "admin")]
    [InlineData("staff", "viewer")]
    [InlineData("unknown", "viewer")]
    public async Task TheHighestRoleMappedFromTheUsersGroupsWins(string groups, string role)
    {
        var me = await MeAsync("anna", Secret, ("Remote-Groups", groups));

        Assert.Contains($"\"user\":\"anna\",\"role\":\"{role}\"", me);
    }

    [Fact]
    public async Task TheProxysRoleHeaderNamesTheRoleOnlyWithItsSecretAndAUsersOwnEntryPinsIt()
    {
        var named = await MeAsync("anna", Secret, ("Remote-Role", "Admin"), ("Remote-Groups", "staff"));
        var pinned = await MeAsync("intern", Secret, ("Remote-Role", "admin"), ("Remote-Groups", "sre"));
        using var forged = Request("mallory", "guess", ("Remote-Role", "admin"), ("Remote-Groups", "sre"));
        using var refused = await _client.SendAsync(forged);

        Assert.Contains("\"user\":\"anna\",\"role\":\"admin\"", named);
        Assert.Contains("\"user\":\"intern\",\"role\":\"viewer\"", pinned);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<string> MeAsync(string user, string secret, params (string Name, string Value)[] headers)
    {
        using var request = Request(user, secret, headers);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static HttpRequestMessage Request(string user, string secret,
        params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Add("Remote-User", user);
        request.Headers.Add(AuthOptions.ProxySecretHeader, secret);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }
}
