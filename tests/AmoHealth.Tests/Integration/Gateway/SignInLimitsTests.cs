using System.Net;
using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>What a sign-in flood meets: limits per client, per IPv6 /64 and overall, and forwarded addresses believed from loopback only.</summary>
[Trait("Ring", "Integration")]
public sealed class SignInLimitsTests : LoginGatewayTests
{
    [Fact]
    public async Task FiftyParallelBadSignInsFromFiftyAddressesMeetTheGlobalLimit()
    {
        await using var gateway = Login(attempts: 100, global: 10);
        using var client = gateway.Client();

        // Nginx on this host writes each client's address: fifty clients, one attempt each, at once.
        var codes = await Task.WhenAll(Enumerable.Range(1, 50).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "admin", ["password"] = "guess" + i }),
            };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"198.51.100.{i}");
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }));

        Assert.True(codes.Count(c => c == HttpStatusCode.TooManyRequests) >= 40, string.Join(",", codes));
        Assert.True(codes.Count(c => c == HttpStatusCode.Redirect) <= 10);
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
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "admin", ["password"] = "guess" + i }),
            };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"10.0.0.{i}, 192.0.2.1");
            using var response = await client.SendAsync(request);
            codes.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
    }

    [Fact]
    public async Task ForwardedHeadersAreBelievedFromLoopbackOnly()
    {
        Assert.Equal("192.0.2.7", await ClientAddressAsync(IPAddress.Loopback, "192.0.2.7"));
        Assert.Equal("203.0.113.9", await ClientAddressAsync(IPAddress.Parse("203.0.113.9"), "192.0.2.7"));
        Assert.Equal("192.0.2.7", await ClientAddressAsync(IPAddress.Loopback, "10.9.9.9, 192.0.2.7"));
    }
}
