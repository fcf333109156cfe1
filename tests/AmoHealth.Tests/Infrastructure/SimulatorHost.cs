using AmoHealth.Simulator;
using AmoHealth.Simulator.Amo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Simulator on a real loopback port, answering at once, with a known token.</summary>
public sealed class SimulatorHost : WebApplicationFactory<SimulatorMarker>
{
    public const string Token = "test-token";

    public SimulatorHost()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseUri = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    public Uri BaseUri { get; }

    public AccountState Account => Services.GetRequiredService<AccountState>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Simulator:MedianLatencyMs", "0");
        builder.UseSetting("Simulator:AccessTokens:0", Token);
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }
}
