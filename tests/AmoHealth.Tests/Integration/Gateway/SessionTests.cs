using System.Net;
using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>What a session is worth after the password changes, and what a sign-in does with any return
/// address.</summary>
[Trait("Ring", "Integration")]
public sealed class SessionTests : LoginGatewayTests
{
    [Fact]
    public async Task ANewPasswordHashEndsEverySessionOpenedBeforeIt()
    {
        var cookies = new CookieContainer();
        await using (var gateway = Login())
        {
            using var client = gateway.Client(cookies);
            using var signedIn = await SignInAsync(client, "admin", Password, "/");
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        }

        // The same keys and the same hash: a restart keeps the session.
        await using (var restarted = Login())
        {
            using var client = restarted.Client(cookies);
            Assert.Contains("\"user\":\"admin\"", await client.GetStringAsync("/auth/me"));
        }

        // The operator sets a new password: the old session is over, the new password opens a new one.
        await using var changed = Login(hash: Passwords.Hash("a new password"));
        using var after = changed.Client(cookies);
        using var status = await after.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        using var again = await SignInAsync(after, "admin", "a new password", "/");
        Assert.Contains("\"user\":\"admin\"", await after.GetStringAsync("/auth/me"));
    }

    [Theory]
    [InlineData("/при", "/%D0%BF%D1%80%D0%B8")]
    [InlineData("/%D0%BF%D1%80%D0%B8", "/%D0%BF%D1%80%D0%B8")]
    [InlineData("/incidents?q=сбой", "/incidents?q=%D1%81%D0%B1%D0%BE%D0%B9")]
    [InlineData("/😀", "/%F0%9F%98%80")]
    public async Task ANonAsciiReturnUrlGetsANormalRedirect(string returnUrl, string expected)
    {
        await using var gateway = Login();
        using var client = gateway.Client();

        using var signedIn = await SignInAsync(client, "admin", Password, returnUrl);
        using var failed = await SignInAsync(client, "admin", "wrong", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(expected, signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
    }

    [Fact]
    public async Task ANonAsciiPathOrReturnUrlLeadsToTheSignInPage()
    {
        await using var gateway = Login();
        using var client = gateway.Client();

        using var page = await client.GetAsync("/%D0%BF%D1%80%D0%B8");
        using var login = await client.GetAsync("/login?returnUrl=%2F%D0%BF%D1%80%D0%B8");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        // The path as the browser sent it, escaped once more as a query value: the page gets it back as sent.
        Assert.Equal("/login?returnUrl=%2F%25D0%25BF%25D1%2580%25D0%25B8", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("value=\"/%D0%BF%D1%80%D0%B8\"", await login.Content.ReadAsStringAsync());
    }
}
