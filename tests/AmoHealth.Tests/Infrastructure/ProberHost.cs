using AmoHealth.Prober;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The whole Prober process in-process (its own DI, hosted services and SQLite file), watching a simulator.</summary>
public sealed class ProberHost(Dictionary<string, string> settings) : WebApplicationFactory<ProberMarker>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
