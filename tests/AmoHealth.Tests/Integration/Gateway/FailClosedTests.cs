using System.Net;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>Anonymous access only on a developer's machine; a session cookie that never travels over plain HTTP in
/// production.</summary>
[Trait("Ring", "Integration")]
public sealed class FailClosedTests : LoginGatewayTests
{
    [Theory]
    [InlineData("Production", "http://127.0.0.1:0")]
    [InlineData("Staging", "http://127.0.0.1:0")]
    [InlineData("Development", "http://0.0.0.0:0")]
    [InlineData("Development", "http://127.0.0.1:0;http://[::]:0")]
    public void WithoutSignInTheGatewayStopsAtStartUnlessDevelopmentOnLoopback(string environment, string urls)
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            new GatewayHost(new() { ["environment"] = environment, ["urls"] = urls }).Dispose());

        Assert.Contains("Auth:Mode is None (no sign-in), which is allowed only in Development on loopback",
            error.ToString());
        Assert.Contains(environment, error.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://[::1]:0")]
    public async Task WithoutSignInTheGatewayServesInDevelopmentOnLoopback(string urls)
    {
        await using var gateway = new GatewayHost(new() { ["environment"] = "Development", ["urls"] = urls });
        using var client = gateway.Client();

        Assert.Contains("\"mode\":\"none\"", await client.GetStringAsync("/auth/me"));
    }

    [Fact]
    public async Task OutsideDevelopmentTheSessionCookieIsSecureEvenBehindAPlainHttpHop()
    {
        Directory.CreateDirectory(_keys);
        await using var gateway = new GatewayHost(new()
        {
            ["environment"] = "Production",
            ["Auth:Mode"] = "Login",
            ["Auth:User"] = "admin",
            ["Auth:PasswordHash"] = Hash,
            ["Auth:KeysDirectory"] = _keys,
            ["Auth:KeysCertificate"] = TestCertificates.WriteCombined(Path.Combine(_keys, "keys.pem")),
        });
        using var client = gateway.Client();

        using var signedIn = await SignInAsync(client, "admin", Password, "/");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c =>
            c.StartsWith("amohealth=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
