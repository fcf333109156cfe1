using System.Net;
using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>
/// What a sign-in flood meets: limits per client and per IPv6 /64, the admin first, and forwarded addresses believed
/// from trusted proxies only.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class SignInLimitsTests : LoginGatewayTests
{
    [Fact]
    public async Task TheRightPasswordFromAFreshAddressGetsInDuringAFloodFromManyOthers()
    {
        // Each flooding address stays under its own limit: only what they share could lock the admin out.
        await using var gateway = Login(attempts: 100);
        using var client = gateway.Client();
        using var stop = new CancellationTokenSource();
        var answers = new int[20];
        var flood = Enumerable.Range(0, answers.Length).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await SignInFromAsync(client, $"198.51.100.{i + 1}", "guess");
                Interlocked.Increment(ref answers[i]);
            }
        })).ToArray();

        // Every flooder has been answered at least once: the flood is on, and each of them has attempts behind it.
        await Eventually.TrueAsync(() => Enumerable.Range(0, answers.Length)
            .All(i => Volatile.Read(ref answers[i]) > 0), TimeSpan.FromSeconds(60), "every flooder answered");
        using var admin = await SignInFromAsync(client, "203.0.113.50", Password);
        await stop.CancelAsync();
        await Task.WhenAll(flood);

        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/", admin.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:1:2:3", "2001:db8:1:2::/64")]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    public void IPv6ClientsAreLimitedByTheirSlash64(string address, string key) =>
        Assert.Equal(key, SignInGate.ClientKey(IPAddress.Parse(address)));

    [Fact]
    public async Task SignInAttemptsAreLimitedPerClientAndAForgedForwardedForDoesNotEscapeTheLimit()
    {
        await using var gateway = Login(attempts: 3);
        using var client = gateway.Client();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // From loopback only the last X-Forwarded-For hop (the one Nginx writes) is believed: the varying
            // hops a client prepends cannot move it into a fresh rate-limit partition.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string,
                    string> { ["user"] = "admin", ["password"] = "guess" + i }),
            };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"10.0.0.{i}, 192.0.2.1");
            using var response = await client.SendAsync(request);
            codes.Add(response.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests], codes);
    }

    [Fact]
    public async Task ForwardedHeadersAreBelievedFromConfiguredProxiesToo()
    {
        var auth = new AuthOptions { KnownProxies = ["10.0.0.5"], KnownNetworks = ["10.1.0.0/16"] };

        Assert.Equal("192.0.2.7", await ClientAddressAsync(IPAddress.Parse("10.0.0.5"), "192.0.2.7", auth));
        Assert.Equal("192.0.2.7", await ClientAddressAsync(IPAddress.Parse("10.1.2.3"), "192.0.2.7", auth));
        Assert.Equal("10.0.0.6", await ClientAddressAsync(IPAddress.Parse("10.0.0.6"), "192.0.2.7", auth));
        Assert.Equal("192.0.2.7", await ClientAddressAsync(IPAddress.Loopback, "192.0.2.7", auth));
    }

    [Theory]
    [InlineData("Auth:KnownProxies:0", "10.0.0.0/8")]
    [InlineData("Auth:KnownNetworks:0", "10.0.0.5")]
    public void AMalformedProxyOrNetworkStopsTheGatewayNamingTheKey(string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => new GatewayHost(new() { [key] = value }).Dispose());

        Assert.Contains(key[..key.LastIndexOf(':')], error.ToString());
    }

    [Fact]
    public async Task ForwardedHeadersAreBelievedFromLoopbackOnly()
    {
        Assert.Equal("192.0.2.7", await ClientAddressAsync(IPAddress.Loopback, "192.0.2.7"));
        Assert.Equal("203.0.113.9", await ClientAddressAsync(IPAddress.Parse("203.0.113.9"), "192.0.2.7"));
        Assert.Equal("192.0.2.7", await ClientAddressAsync(IPAddress.Loopback, "10.9.9.9, 192.0.2.7"));
    }

    private static async Task<HttpResponseMessage> SignInFromAsync(HttpClient client, string address, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string,
                string> { ["user"] = "admin", ["password"] = password, ["returnUrl"] = "/" }),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", address);
        return await client.SendAsync(request);
    }
}
