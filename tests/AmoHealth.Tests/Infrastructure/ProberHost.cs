using AmoHealth.Prober;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The whole Prober process in-process (its own DI, hosted services and SQLite file), watching a simulator.</summary>
public sealed class ProberHost(Dictionary<string, string> settings, Action<IServiceCollection>? services = null) : WebApplicationFactory<ProberMarker>
{
    /// <summary>A Prober watching <paramref name="simulator"/> with its test token, storing into <paramref name="database"/>, and the given settings on top.</summary>
    public static ProberHost For(SimulatorHost simulator, TempDatabase database, Dictionary<string, string> settings, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string>
        {
            ["AMOCRM_DOMAIN"] = simulator.BaseUri.ToString(),
            ["AMOCRM_ACCESS_TOKEN"] = SimulatorHost.Token,
            ["Monitor:MaxRequestsPerSecond"] = "5",
            ["Storage:Path"] = database.Path,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new ProberHost(all, services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
