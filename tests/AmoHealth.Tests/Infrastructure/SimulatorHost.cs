using AmoHealth.Simulator;
using AmoHealth.Simulator.Amo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// The Simulator on a real loopback port, answering at once, with a known token. By default its rate
/// limit is raised so tests that are not about limits are not throttled; pass settings to override.
/// </summary>
public class SimulatorHost : WebApplicationFactory<SimulatorMarker>
{
    public const string Token = "test-token";
    private readonly Dictionary<string, string> _settings;
    private readonly TimeProvider? _time;

    public SimulatorHost()
        : this(new Dictionary<string, string>())
    {
    }

    protected SimulatorHost(Dictionary<string, string> settings, TimeProvider? time = null)
    {
        _time = time;
        _settings = new Dictionary<string, string>
        {
            ["Simulator:MedianLatencyMs"] = "0",
            ["Simulator:DeliveryMedianLatencyMs"] = "0",
            ["Simulator:AccessTokens:0"] = Token,
            ["Simulator:RateLimit:PerTokenPerSecond"] = "10000",
            ["Simulator:RateLimit:PerAccountPerSecond"] = "10000",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        // One explicit loopback listener and no "urls" setting: two sources of addresses race at start.
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseUri = new Uri(address);
    }

    public Uri BaseUri { get; }

    /// <summary>A simulator with these settings on top of the test defaults.</summary>
    public static SimulatorHost With(Dictionary<string, string>? settings = null, TimeProvider? time = null) =>
        new(settings ?? [], time);

    public AccountState Account => Services.GetRequiredService<AccountState>();

    /// <summary>A client of the simulator with a token (or none), no retries.</summary>
    public HttpClient CreateAmoClient(string? token = Token)
    {
        var client = new HttpClient { BaseAddress = BaseUri };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization =
                new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_time));
        }
    }
}
