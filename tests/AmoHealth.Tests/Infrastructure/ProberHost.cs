using AmoHealth.Prober;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The whole Prober process in-process (its own DI, hosted services and SQLite file), watching a simulator.</summary>
public sealed class ProberHost(Dictionary<string, string> settings, Action<IServiceCollection>? services = null) : WebApplicationFactory<ProberMarker>
{
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
