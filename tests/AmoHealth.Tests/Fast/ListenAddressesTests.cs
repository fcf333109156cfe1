using AmoHealth.ServiceDefaults.Access;
using Microsoft.Extensions.Configuration;

namespace AmoHealth.Tests.Fast;

/// <summary>What counts as "listening on loopback only" for the fail-closed rules.</summary>
[Trait("Ring", "Fast")]
public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:3001", true)]
    [InlineData("http://localhost:3001", true)]
    [InlineData("http://[::1]:3001", true)]
    [InlineData("http://unix:/run/amohealth/gateway.sock", true)]
    [InlineData("http://0.0.0.0:3001", false)]
    [InlineData("http://*:3001", false)]
    [InlineData("http://+:3001", false)]
    [InlineData("http://[::]:3001", false)]
    [InlineData("http://10.0.0.5:3001", false)]
    [InlineData("http://monitor.example:3001", false)]
    [InlineData("not a url", false)]
    public void AnAddressIsLoopbackOnlyWhenItNamesLoopback(string url, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(url));

    [Fact]
    public void EverySourceOfAnAddressCountsAndNothingConfiguredIsKestrelsLoopbackDefault()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:1;http://localhost:2",
            ["http_ports"] = "8080",
            ["Kestrel:Endpoints:Public:Url"] = "https://0.0.0.0:443",
        }).Build();

        Assert.Equal(["http://127.0.0.1:1", "http://localhost:2", "http://*:8080", "https://0.0.0.0:443"],
            ListenAddresses.From(configured));
        Assert.True(ListenAddresses.AreLoopbackOnly(ListenAddresses.From(new ConfigurationBuilder().Build())));
    }
}
